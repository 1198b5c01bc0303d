/**
 * Capacity check at drafting and signing (issue 12 item 9; no source gives it): the home visits a
 * hospital agrees to across its contracts must fit the medical staff it committed to cooperation.
 */
import { defaultCapacityPolicy, type Policy } from './policy';

/** The ratio a policy sets; a snapshot stored before the capacity section existed has the default. */
export const maxVisitsPerStaffOf = (policy: Pick<Policy, 'capacity'>): number =>
  (policy.capacity ?? defaultCapacityPolicy).maxHomeVisitsPerStaffPerMonth;

export interface CapacityInput {
  /** Home visits a month the contract under check agrees to. */
  visitsPerMonth: number;
  /** Home visits a month of the hospital's other contracts in force or drafted. */
  otherContractsVisitsPerMonth: number;
  /** Medical staff the hospital committed to cooperation; null when it declared none. */
  committedStaff: number | null;
  /** policy.capacity.maxHomeVisitsPerStaffPerMonth */
  maxVisitsPerStaff: number;
}

export interface CapacityWarning {
  visitsPerMonth: number;
  otherContractsVisitsPerMonth: number;
  committedStaff: number;
  maxVisitsPerStaff: number;
  /** committedStaff × maxVisitsPerStaff */
  capacity: number;
  /** visitsPerMonth + otherContractsVisitsPerMonth − capacity, above 0 */
  exceededBy: number;
}

export type CapacityVerdict =
  | { kind: 'undeclared' }
  | { kind: 'within'; total: number; capacity: number }
  | { kind: 'exceeded'; warning: CapacityWarning };

export function capacityVerdict(input: CapacityInput): CapacityVerdict {
  if (input.committedStaff === null) return { kind: 'undeclared' };
  const capacity = input.committedStaff * input.maxVisitsPerStaff;
  const total = input.visitsPerMonth + input.otherContractsVisitsPerMonth;
  if (total <= capacity) return { kind: 'within', total, capacity };
  return {
    kind: 'exceeded',
    warning: {
      visitsPerMonth: input.visitsPerMonth,
      otherContractsVisitsPerMonth: input.otherContractsVisitsPerMonth,
      committedStaff: input.committedStaff,
      maxVisitsPerStaff: input.maxVisitsPerStaff,
      capacity,
      exceededBy: total - capacity,
    },
  };
}

/** Whether two warnings rest on the same numbers. */
export const sameArithmetic = (a: CapacityWarning, b: CapacityWarning): boolean =>
  a.visitsPerMonth === b.visitsPerMonth &&
  a.otherContractsVisitsPerMonth === b.otherContractsVisitsPerMonth &&
  a.committedStaff === b.committedStaff &&
  a.maxVisitsPerStaff === b.maxVisitsPerStaff;

/** "14 + 4 = 18 > 16 = 2 × 8": the arithmetic as the regulator reads it. */
export function capacityArithmetic(w: CapacityWarning): string {
  const total = w.visitsPerMonth + w.otherContractsVisitsPerMonth;
  return `${w.otherContractsVisitsPerMonth} + ${w.visitsPerMonth} = ${total} > ${w.capacity} = ${w.committedStaff} × ${w.maxVisitsPerStaff}`;
}
