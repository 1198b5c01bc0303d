import { useContractParties } from './evaluation-view';

/** "Home – hospital" for a contract, as the contracts list names it. */
export function ContractParties({ contractId }: { contractId: string }) {
  return <>{useContractParties(contractId).label}</>;
}
