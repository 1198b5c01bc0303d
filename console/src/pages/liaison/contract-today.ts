import type { ContractView } from '../contract/contract-view';

/** The day a new fact's form starts from: the contract's policy today (the API's), within its term. */
export function contractToday(contract: ContractView): string {
  const today = contract.policyToday;
  if (today < contract.termStart) return contract.termStart;
  return today > contract.termEnd ? contract.termEnd : today;
}

/** A `datetime-local` value read as Shanghai time, as the API's ISO instant with its offset. */
export const shanghaiInstant = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : '');

/** Lines of a textarea, blanks dropped. */
export const linesOf = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A number input's value for the API: empty is sent as null, so the API names the missing field. */
export const numberOf = (value: string) => (value.trim() === '' ? NaN : Number(value));
