import type { ContractView } from '../contract/contract-view';

/** On a contract's page, what a contracting party signs or answers (filled in by the party screens). */
export function SigningPanel(_props: { contract: ContractView }) {
  return null;
}
