import { randomUUID } from 'node:crypto';
import type { AgreementTerms } from '../../../domain/agreement';
import {
  answerRenewalUpdate,
  approvalDecisionUpdate,
  contractWorkflowId,
  proposeRenewalUpdate,
} from '../../../messages/contract-messages';
import { listApprovalRounds } from '../../../stores/approval-store';
import type { Contract } from '../../../stores/contract-store';
import { findRenewalProposal, listRenewalProposals } from '../../../stores/renewal-store';
import type { User } from '../../../stores/user-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';
import { isPartyUser } from './contract-service';
import { assertAgreementFloors } from './agreement-floor-problem';

/**
 * Approval (备案) by a regulator of the contract's region, and renewal by both parties: each a
 * command to the contract's workflow (an update with a validator), its records read from Postgres.
 */
export function createContractProcessService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const handle = (id: string) => deps.temporal.workflow.getHandle(contractWorkflowId(id));

  async function decideApproval(user: User, id: string, decision: 'approve' | 'return', reasons?: string) {
    const contract = await visibility.contract(user, id);
    if (!regulates(user, contract.regionCode))
      throw new ProblemError('forbidden', `only a regulator of region ${contract.regionCode} may decide its approval`);
    return runWorkflowCommand(
      () => handle(id).executeUpdate(approvalDecisionUpdate, { args: [{ decision, reasons, userId: user.id }] }),
      `the contract is ${contract.status}`,
    );
  }

  async function approvalRounds(user: User, id: string) {
    await visibility.contract(user, id);
    return listApprovalRounds(deps.db, id);
  }

  /** Only a party user of one of the two institutions speaks for its side in a renewal. */
  async function partyContract(user: User, id: string, what: string): Promise<Contract> {
    const contract = await visibility.contract(user, id);
    if (!(user.role === 'party' && isPartyUser(user, contract)))
      throw new ProblemError('not-a-party', `only a party user of one of the two institutions may ${what}`);
    return contract;
  }

  async function propose(user: User, id: string, body: { termEnd: string; terms?: AgreementTerms }) {
    const contract = await partyContract(user, id, 'propose a renewal');
    // Changed terms meet the region's floors as they stand now, as a new draft's would.
    if (body.terms)
      assertAgreementFloors(body.terms, effectivePolicy((await findRegion(deps.db, contract.regionCode))!));
    const proposalId = randomUUID();
    await runWorkflowCommand(
      () =>
        handle(id).executeUpdate(proposeRenewalUpdate, {
          args: [{ proposalId, institutionId: user.institutionId!, userId: user.id, ...body }],
        }),
      `the contract is ${contract.status}`,
    );
    return (await findRenewalProposal(deps.db, proposalId))!;
  }

  async function answer(
    user: User,
    id: string,
    proposalId: string,
    answer: 'countersign' | 'decline',
    reason?: string,
  ) {
    const contract = await partyContract(user, id, `${answer} a renewal`);
    const proposal = await findRenewalProposal(deps.db, proposalId);
    if (!proposal || proposal.contractId !== id)
      throw new ProblemError('not-found', `no renewal proposal ${proposalId} for contract ${id}`);
    const process = await runWorkflowCommand(
      () =>
        handle(id).executeUpdate(answerRenewalUpdate, {
          args: [{ proposalId, institutionId: user.institutionId!, answer, reason, userId: user.id }],
        }),
      `the contract is ${contract.status}`,
    );
    return { proposal: (await findRenewalProposal(deps.db, proposalId))!, process };
  }

  async function proposals(user: User, id: string) {
    await visibility.contract(user, id);
    return listRenewalProposals(deps.db, id);
  }

  /** The unilateral renewal is gone: renewal needs both parties. The contract must still be visible (404 first). */
  async function unilateralRenewal(user: User, id: string): Promise<never> {
    await visibility.contract(user, id);
    throw new ProblemError(
      'renewal-by-proposal',
      `renewal needs both parties: propose it with POST /contracts/${id}/renewal-proposals; the other side countersigns`,
    );
  }

  return { decideApproval, approvalRounds, propose, answer, proposals, unilateralRenewal };
}
