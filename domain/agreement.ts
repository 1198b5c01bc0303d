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

export interface AgreementTerms {
  visitFrequency: VisitFrequencyTerms;
  serviceItems: ServiceItemTerms;
  charging: ChargingTerms;
  liability: { party: 'medical' | 'care' | 'shared'; matter: string }[];
  disputeProcedure: string;
}
