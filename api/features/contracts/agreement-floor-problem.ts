import type { AgreementTerms } from '../../../domain/agreement';
import { describeFloorViolation, floorViolations } from '../../../domain/agreement-floors';
import type { Policy } from '../../../domain/policy';
import { ProblemError } from '../../problem';

/** Refuses a draft whose agreement promises less than the region's floors (422), naming each floor and its source. */
export function assertAgreementFloors(terms: AgreementTerms, policy: Pick<Policy, 'agreementFloors'>): void {
  const below = floorViolations(terms, policy);
  if (below.length === 0) return;
  throw new ProblemError(
    'agreement-below-floor',
    `the agreement falls short of the region's policy: ${below.map(describeFloorViolation).join('; ')}`,
    { floors: below.map((v) => ({ ...v, item: `terms.${v.item}` })) },
  );
}
