import * as wf from '@temporalio/workflow';
import { shanghaiDateOf } from '../domain/calendar';
import { policyNow } from '../domain/clock';
import type { ContractStatus, SignatureRecord, Side } from '../domain/contract';
import type { ContractApproval } from './contract-approval';
import { defaultPolicy, policyDaysToMs } from '../domain/policy';
import type { ContractWorkflowInput } from '../messages/contract-messages';
import { acts, SYSTEM } from './proxies';

/** Marks runs that remind the unsigned side(s) before the signing deadline; older runs only wait for it. */
export const SIGNING_REMINDER_PATCH = 'signing-reminder-v1';

interface SigningHost {
  readonly approval: Pick<ContractApproval, 'round' | 'awaitDecision'>;
  changeStatus(status: ContractStatus, change: { actor: string; reason?: string }): Promise<void>;
  isDraft(): boolean;
  readonly input: ContractWorkflowInput;
  readonly status: ContractStatus;
  readonly signingDeadlineMs: number;
  readonly signatures: SignatureRecord[];
  readonly pendingSides: Side[];
}

/**
 * The policy's lead time before the signing deadline (signing.reminderLeadDays, project default 7):
 * each side that has not signed by then is mailed, with the deadline as a calendar entry. A window
 * shorter than the lead time gets no reminder: the draft itself was the notice.
 */
export async function remindUnsignedSides(contract: SigningHost, round: number): Promise<void> {
  const { policy, clock, contractId } = contract.input;
  const leadDays = policy.signing.reminderLeadDays ?? defaultPolicy.signing.reminderLeadDays!;
  const remindAtMs = contract.signingDeadlineMs - policyDaysToMs(leadDays, policy);
  if (remindAtMs <= Date.now()) return;
  if (await wf.condition(() => contract.status !== 'draft', remindAtMs - Date.now())) return;
  const signed = new Set<Side>([...contract.signatures.map((s) => s.side), ...contract.pendingSides]);
  const sides = (['medical', 'care'] as const).filter((side) => !signed.has(side));
  if (sides.length === 0) return;
  await acts.notifyContractProcess({
    contractId,
    notice: 'signing-reminder',
    eventKey: `contract:${contractId}:signing:${round}:reminder`,
    to: { sides },
    // The last policy day on which a signature is still accepted (as the work queue shows it).
    params: {
      deadline: shanghaiDateOf(policyNow(clock, contract.signingDeadlineMs) - 1),
      signingDeadline: new Date(contract.signingDeadlineMs).toISOString(),
    },
    stamp: new Date(remindAtMs).toISOString(),
  });
}

/**
 * Draft → active once both parties have signed; lapsed if the signing deadline comes first. Where
 * approval is required, two signatures make it pending approval; a return makes it a draft again,
 * with a new signing window.
 */
export async function awaitSignatures(contract: SigningHost): Promise<void> {
  const remind = wf.patched(SIGNING_REMINDER_PATCH);
  for (;;) {
    await awaitBothSignatures(contract, remind);
    if (contract.status !== 'pending-approval') return;
    await contract.approval.awaitDecision();
    // Returned: a draft again, to be signed in a new window (the status changed inside awaitDecision).
    if (!contract.isDraft()) return;
  }
}

async function awaitBothSignatures(contract: SigningHost, remind: boolean): Promise<void> {
  if (remind) await remindUnsignedSides(contract, contract.approval.round);
  await wf.condition(() => contract.status !== 'draft', Math.max(1, contract.signingDeadlineMs - Date.now()));
  // A signature accepted just before the deadline may still be recording: let it finish first.
  await wf.condition(wf.allHandlersFinished);
  if (contract.status !== 'draft') return;
  const id = contract.input.contractId;
  await contract.changeStatus('lapsed', {
    actor: SYSTEM,
    reason: 'not signed by both parties before the signing deadline',
  });
  await acts.notifyContractParties({
    contractId: id,
    template: 'contract-lapsed',
    eventKey: `contract:${id}:lapsed`,
    deadline: new Date(contract.signingDeadlineMs).toISOString(),
  });
}
