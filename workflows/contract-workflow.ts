import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import { startOfShanghaiDay, addDays } from '../domain/calendar';
import { PolicyClock, realInstantOf } from '../domain/clock';
import { isTerminal, Rejection, sideOf, signatureRejection, SigningState, terminationRejection } from '../domain/contract';
import type { Policy } from '../domain/policy';
import { statusKey } from '../domain/search-attributes';
import { ContractProcessView, contractStateQuery, signUpdate, terminateUpdate } from './contract-messages';

export interface ContractWorkflowInput {
  contractId: string;
  regionCode: string;
  medicalInstitutionId: string;
  careInstitutionId: string;
  signingDeadline: string;
  termEnd: string;
  policy: Policy;
  clock: PolicyClock;
}

const acts = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const SYSTEM = 'system:contract-workflow';

function reject(rejection: Rejection): never {
  throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
}

/** The whole life of one cooperation contract, from draft to its end (DOMAIN.md lifecycle). */
export async function contractWorkflow(input: ContractWorkflowInput): Promise<string> {
  const state: SigningState = {
    status: 'draft',
    medicalInstitutionId: input.medicalInstitutionId,
    careInstitutionId: input.careInstitutionId,
    signingDeadlineMs: Date.parse(input.signingDeadline),
    signatures: [],
    pendingSides: [],
  };
  // The term's last day ends at midnight Shanghai time, reached sooner when policy time runs fast.
  const expiresAtMs = realInstantOf(input.clock, startOfShanghaiDay(addDays(input.termEnd, 1)));

  const view = (): ContractProcessView => ({
    contractId: input.contractId,
    status: state.status,
    signingDeadline: input.signingDeadline,
    signatures: state.signatures,
    expiresAt: new Date(expiresAtMs).toISOString(),
  });

  async function changeStatus(status: SigningState['status'], change: { actor: string; actorUserId?: string; reason?: string }) {
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

  await wf.condition(() => state.status !== 'draft', Math.max(1, state.signingDeadlineMs - Date.now()));
  // A signature accepted just before the deadline may still be recording: let it finish first.
  await wf.condition(wf.allHandlersFinished);
  if (state.status === 'draft') {
    await changeStatus('lapsed', { actor: SYSTEM, reason: 'not signed by both parties before the signing deadline' });
    await acts.notifyContractParties({
      contractId: input.contractId,
      template: 'contract-lapsed',
      eventKey: `contract:${input.contractId}:lapsed`,
      deadline: input.signingDeadline,
    });
  }

  if (state.status === 'active') {
    await wf.condition(() => isTerminal(state.status), Math.max(1, expiresAtMs - Date.now()));
    await wf.condition(wf.allHandlersFinished);
    if (state.status === 'active') {
      await changeStatus('expired', { actor: SYSTEM, reason: 'the term ended' });
      await acts.notifyContractParties({ contractId: input.contractId, template: 'contract-expired', eventKey: `contract:${input.contractId}:expired` });
    }
  }

  await wf.condition(wf.allHandlersFinished);
  return state.status;
}
