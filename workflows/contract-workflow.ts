import * as wf from '@temporalio/workflow';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { realInstantOf } from '../domain/clock';
import { ContractStatus, isInForce, isTerminal, Rejection, renewalRejection, sideOf, signatureRejection, SigningState, terminationRejection } from '../domain/contract';
import { gradeKey, statusKey } from '../domain/search-attributes';
import { runActivePhase, startObligations, upcomingDeadlines } from './active-contract';
import {
  type ActiveCarry,
  actionItemsAddedSignal,
  ContractProcessView,
  contractGradedSignal,
  contractStateQuery,
  type ContractWorkflowInput,
  itemClosedSignal,
  policyChangedSignal,
  qualificationRevokedSignal,
  rectificationClosedSignal,
  rectificationOpenedSignal,
  renewUpdate,
  requestRaisedSignal,
  signUpdate,
  terminateUpdate,
} from '../messages/contract-messages';
import { acts, SYSTEM } from './proxies';

/** Marks histories written since obligations are tracked; older runs keep waiting only for expiry. */
export const OBLIGATION_TRACKING_PATCH = 'obligation-tracking-v1';

function reject(rejection: Rejection): never {
  throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
}

/** The whole life of one cooperation contract, from draft to its end (DOMAIN.md lifecycle). */
export async function contractWorkflow(input: ContractWorkflowInput): Promise<string> {
  const state: SigningState = {
    status: input.carried?.status ?? 'draft',
    medicalInstitutionId: input.medicalInstitutionId,
    careInstitutionId: input.careInstitutionId,
    signingDeadlineMs: Date.parse(input.signingDeadline),
    signatures: input.carried?.signatures ?? [],
    pendingSides: [],
  };
  let active: ActiveCarry | undefined = input.carried?.active;
  /** Rectification orders this contract was told of and that have not closed: while any is open it is rectifying. */
  const openRectifications = new Set(input.carried?.openRectifications ?? []);
  const wake = { pending: false };
  const termEnd = () => active?.agenda.termEnd ?? input.termEnd;
  const expiresAtMs = () => realInstantOf(input.clock, startOfShanghaiDay(addDays(termEnd(), 1)));

  const view = (): ContractProcessView => ({
    contractId: input.contractId,
    status: state.status,
    signingDeadline: input.signingDeadline,
    signatures: state.signatures,
    expiresAt: new Date(expiresAtMs()).toISOString(),
    termEnd: termEnd(),
    policyVersion: (active?.agenda.policy ?? input.policy).version,
    ...(active && isInForce(state.status) ? { nextDeadlines: upcomingDeadlines(active, input.clock), compliance: { consecutiveMisses: active.consecutiveMisses, totalMisses: active.totalMisses, periodsClosed: active.periodsClosed } } : {}),
  });

  async function changeStatus(status: ContractStatus, change: { actor: string; actorUserId?: string; reason?: string; cause?: string }) {
    state.status = status;
    wf.upsertSearchAttributes([{ key: statusKey, value: status }]);
    await acts.recordContractStatus({ contractId: input.contractId, status, at: new Date(Date.now()).toISOString(), ...change });
  }

  wf.setHandler(contractStateQuery, view);

  wf.setHandler(
    signUpdate,
    async ({ institutionId, userId }) => {
      const side = sideOf(state, institutionId)!;
      state.pendingSides.push(side);
      const signedAt = new Date(Date.now()).toISOString();
      try {
        await acts.recordSignature({ contractId: input.contractId, side, institutionId, userId, signedAt });
        state.signatures.push({ side, institutionId, userId, signedAt });
      } finally {
        state.pendingSides = state.pendingSides.filter((s) => s !== side);
      }
      if (state.signatures.length === 2 && state.status === 'draft') {
        await changeStatus('active', { actor: SYSTEM });
        if (wf.patched(OBLIGATION_TRACKING_PATCH)) active = startObligations(input);
        await acts.notifyContractParties({ contractId: input.contractId, template: 'contract-activated', eventKey: `contract:${input.contractId}:activated` });
      }
      return view();
    },
    {
      validator: ({ institutionId }) => {
        const rejection = signatureRejection(state, institutionId, Date.now());
        if (rejection) reject(rejection);
      },
    },
  );

  wf.setHandler(
    terminateUpdate,
    async ({ reason, userId }) => {
      await changeStatus('terminated', { actor: `user:${userId}`, actorUserId: userId, reason });
      await acts.notifyContractParties({ contractId: input.contractId, template: 'contract-terminated', eventKey: `contract:${input.contractId}:terminated`, reason, includeRegulators: true });
      return view();
    },
    {
      validator: ({ reason }) => {
        const rejection = terminationRejection(state.status, reason);
        if (rejection) reject(rejection);
      },
    },
  );

  wf.setHandler(
    renewUpdate,
    async ({ newTermEnd, userId }) => {
      const previousTermEnd = active!.agenda.termEnd;
      active!.agenda.termEnd = newTermEnd;
      wake.pending = true;
      await acts.recordRenewal({ contractId: input.contractId, previousTermEnd, newTermEnd, userId, at: new Date(Date.now()).toISOString() });
      await acts.notify({
        contractId: input.contractId,
        notice: 'contract-renewed',
        eventKey: `contract:${input.contractId}:renewed:${newTermEnd}`,
        audience: 'liaisons-and-regulators',
        params: { termEnd: previousTermEnd, newTermEnd },
        stamp: new Date(Date.now()).toISOString(),
      });
      return view();
    },
    {
      validator: ({ newTermEnd }) => {
        const rejection = renewalRejection(active ? state.status : 'draft', termEnd(), newTermEnd);
        if (rejection) reject(rejection);
      },
    },
  );

  wf.setHandler(requestRaisedSignal, ({ requestId, dueDate }) => {
    if (active && !active.agenda.openRequests.some((r) => r.id === requestId)) active.agenda.openRequests.push({ id: requestId, dueDate });
    wake.pending = true;
  });
  wf.setHandler(actionItemsAddedSignal, ({ items }) => {
    for (const item of items) if (active && !active.agenda.openActionItems.some((a) => a.id === item.id)) active.agenda.openActionItems.push(item);
    wake.pending = true;
  });
  wf.setHandler(itemClosedSignal, ({ kind, id }) => {
    if (!active) return;
    if (kind === 'request') active.agenda.openRequests = active.agenda.openRequests.filter((r) => r.id !== id);
    else active.agenda.openActionItems = active.agenda.openActionItems.filter((a) => a.id !== id);
    wake.pending = true;
  });
  wf.setHandler(qualificationRevokedSignal, async ({ reason }) => {
    if (isTerminal(state.status)) return;
    await changeStatus('revoked', { actor: SYSTEM, reason });
  });
  wf.setHandler(policyChangedSignal, ({ policy }) => {
    if (active) active.pendingPolicy = policy;
  });
  wf.setHandler(rectificationOpenedSignal, async ({ rectificationId }) => {
    if (!isInForce(state.status) || openRectifications.has(rectificationId)) return;
    openRectifications.add(rectificationId);
    if (state.status === 'active') await changeStatus('rectifying', { actor: SYSTEM, reason: `rectification order ${rectificationId} is open`, cause: `rectification:${rectificationId}:opened` });
  });
  wf.setHandler(rectificationClosedSignal, async ({ rectificationId, outcome }) => {
    if (!openRectifications.delete(rectificationId)) return;
    if (state.status === 'rectifying' && openRectifications.size === 0) {
      await changeStatus('active', { actor: SYSTEM, reason: `rectification order ${rectificationId} ${outcome === 'closed' ? 'closed after a passing re-evaluation' : 'ended: the intended revocation was withdrawn'}`, cause: `rectification:${rectificationId}:${outcome}` });
    }
  });
  wf.setHandler(contractGradedSignal, ({ grade }) => {
    wf.upsertSearchAttributes([{ key: gradeKey, value: grade }]);
  });

  if (!input.carried) {
    await wf.condition(() => state.status !== 'draft', Math.max(1, state.signingDeadlineMs - Date.now()));
    // A signature accepted just before the deadline may still be recording: let it finish first.
    await wf.condition(wf.allHandlersFinished);
    if (state.status === 'draft') {
      await changeStatus('lapsed', { actor: SYSTEM, reason: 'not signed by both parties before the signing deadline' });
      await acts.notifyContractParties({ contractId: input.contractId, template: 'contract-lapsed', eventKey: `contract:${input.contractId}:lapsed`, deadline: input.signingDeadline });
    }
  }

  if (isInForce(state.status) && active) {
    await runActivePhase({ input, state, active, wake, changeStatus, openRectifications });
  } else if (isInForce(state.status)) {
    await wf.condition(() => isTerminal(state.status), Math.max(1, expiresAtMs() - Date.now()));
    await wf.condition(wf.allHandlersFinished);
    if (isInForce(state.status)) {
      await changeStatus('expired', { actor: SYSTEM, reason: 'the term ended' });
      await acts.notifyContractParties({ contractId: input.contractId, template: 'contract-expired', eventKey: `contract:${input.contractId}:expired` });
    }
  }

  await wf.condition(wf.allHandlersFinished);
  return state.status;
}
