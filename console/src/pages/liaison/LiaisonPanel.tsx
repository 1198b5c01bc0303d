import type { ContractView } from '../contract/contract-view';

/** On a contract's page, what a liaison officer records for it (filled in by the liaison screens). */
export function LiaisonPanel(_props: { contract: ContractView }) {
  return null;
}
