/**
 * The standardized agreement (000_2559ba4ecdded544.txt §3.2): 12 practical items in
 * 3 categories — home-visit frequency, service items, charging standards — plus a list of
 * liability division and a dispute-resolution procedure. The source names the categories, not
 * the items; the 12 below are our reading of them (3 service standards from §3.2 among them).
 */
export interface VisitFrequencyTerms {
  homeVisitsPerMonth: number;
  chronicDiseaseReexamsPerQuarter: number;
  emergencyReferralResponseMinutes: number;
  healthTalksPerYear: number;
}

export interface ServiceItem {
  included: boolean;
  description: string;
}

export interface ServiceItemTerms {
  basicMedical: ServiceItem;
  rehabilitationNursing: ServiceItem;
  emergencyReferral: ServiceItem;
  healthRecords: ServiceItem;
}

/** Prices in integer fen. Basic services at the unified standard; value-added at market price (§3.2). */
export interface ChargingTerms {
  basicServiceFeeFen: number;
  chronicFollowUpFeeFen: number;
  valueAddedPricing: 'market' | 'negotiated';
  settlementCycle: 'monthly' | 'quarterly';
}

/**
 * §3.2: "monthly and quarterly communication meeting systems" and "a large-scale service demand
 * survey annually": how many of each the parties agree to hold. Absent in drafts made before the
 * parties could agree it; those are read as defaultCommunication.
 */
export interface CommunicationTerms {
  monthlyMeetings: number;
  quarterlyMeetings: number;
  demandSurveysPerYear: number;
}

/** What a draft without communication terms agreed: what the region's policy required then (a quarterly meeting, a yearly survey). */
export const defaultCommunication: CommunicationTerms = {
  monthlyMeetings: 0,
  quarterlyMeetings: 1,
  demandSurveysPerYear: 1,
};

export interface AgreementTerms {
  visitFrequency: VisitFrequencyTerms;
  communication?: CommunicationTerms;
  serviceItems: ServiceItemTerms;
  charging: ChargingTerms;
  liability: { party: 'medical' | 'care' | 'shared'; matter: string }[];
  disputeProcedure: string;
}

/** Every quantified item of an agreement: what its obligations are measured against. */
export interface AgreedQuantities {
  homeVisitsPerMonth: number;
  chronicDiseaseReexamsPerQuarter: number;
  healthTalksPerYear: number;
  monthlyMeetings: number;
  quarterlyMeetings: number;
  demandSurveysPerYear: number;
  emergencyReferralResponseMinutes: number;
}

export function agreedQuantitiesOf(terms: Pick<AgreementTerms, 'visitFrequency' | 'communication'>): AgreedQuantities {
  const { homeVisitsPerMonth, chronicDiseaseReexamsPerQuarter, healthTalksPerYear, emergencyReferralResponseMinutes } =
    terms.visitFrequency;
  return {
    homeVisitsPerMonth,
    chronicDiseaseReexamsPerQuarter,
    healthTalksPerYear,
    ...defaultCommunication,
    ...terms.communication,
    emergencyReferralResponseMinutes,
  };
}
