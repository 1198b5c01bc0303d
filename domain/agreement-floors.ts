import { type AgreedQuantities, agreedQuantitiesOf, type AgreementTerms } from './agreement';
import { agreementFloorsOf, type AgreementFloors, type Policy } from './policy';
import { cite } from './sources';

/** One agreed item that promises less than the region's floor. */
export interface FloorViolation {
  /** Where the item sits in the agreement, e.g. visitFrequency.homeVisitsPerMonth. */
  item: string;
  agreed: number;
  floor: number;
  /** Most items are counts (at least the floor); the referral response is a time (at most the floor). */
  bound: 'at-least' | 'at-most';
  source: string;
}

interface FloorRule {
  item: string;
  agreed: keyof AgreedQuantities;
  floor: keyof AgreementFloors;
  bound: FloorViolation['bound'];
  source: string;
}

const seeds = (section: '1' | '3.2') => cite('chongqingContracting', section);
const projectDefault = 'project default';

/** Each floor of domain/policy.ts AgreementFloors, the agreed item it bounds and where it comes from. */
const rules: FloorRule[] = [
  {
    item: 'visitFrequency.homeVisitsPerMonth',
    agreed: 'homeVisitsPerMonth',
    floor: 'homeVisitsPerMonth',
    bound: 'at-least',
    source: seeds('3.2'),
  },
  {
    item: 'visitFrequency.chronicDiseaseReexamsPerQuarter',
    agreed: 'chronicDiseaseReexamsPerQuarter',
    floor: 'chronicDiseaseReexamsPerQuarter',
    bound: 'at-least',
    source: projectDefault,
  },
  {
    item: 'visitFrequency.healthTalksPerYear',
    agreed: 'healthTalksPerYear',
    floor: 'healthTalksPerYear',
    bound: 'at-least',
    source: projectDefault,
  },
  {
    item: 'visitFrequency.emergencyReferralResponseMinutes',
    agreed: 'emergencyReferralResponseMinutes',
    floor: 'maxEmergencyReferralResponseMinutes',
    bound: 'at-most',
    source: seeds('1'),
  },
  {
    item: 'communication.monthlyMeetings',
    agreed: 'monthlyMeetings',
    floor: 'monthlyMeetings',
    bound: 'at-least',
    source: projectDefault,
  },
  {
    item: 'communication.quarterlyMeetings',
    agreed: 'quarterlyMeetings',
    floor: 'quarterlyMeetings',
    bound: 'at-least',
    source: seeds('3.2'),
  },
  {
    item: 'communication.demandSurveysPerYear',
    agreed: 'demandSurveysPerYear',
    floor: 'demandSurveysPerYear',
    bound: 'at-least',
    source: seeds('3.2'),
  },
];

/**
 * Every item of an agreement that promises less than the region's floor; empty when it keeps them
 * all. The agreement as signed is what the engine enforces, so it may not fall below the policy.
 */
export function floorViolations(
  terms: Pick<AgreementTerms, 'visitFrequency' | 'communication'>,
  policy: Pick<Policy, 'agreementFloors'>,
): FloorViolation[] {
  const agreed = agreedQuantitiesOf(terms);
  const floors = agreementFloorsOf(policy);
  return rules.flatMap(({ item, bound, source, ...keys }) => {
    const value = agreed[keys.agreed];
    const floor = floors[keys.floor];
    const below = bound === 'at-least' ? value < floor : value > floor;
    return below ? [{ item, agreed: value, floor, bound, source }] : [];
  });
}

/** "visitFrequency.homeVisitsPerMonth 0 is below the floor of 1 (Wang, 2025, "…", §3.2)". */
export function describeFloorViolation(v: FloorViolation): string {
  const relation = v.bound === 'at-least' ? `below the floor of ${v.floor}` : `above the limit of ${v.floor}`;
  return `${v.item} ${v.agreed} is ${relation} (${v.source})`;
}
