import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { Request, Response } from 'express';
import { compareLocalDates, LocalDate, shanghaiDateOf } from '../../../domain/calendar';
import { contractClock, policyNow } from '../../../domain/clock';
import { isInForce, type Side } from '../../../domain/contract';
import { policyToday } from '../../../domain/obligations';
import type { DbOrTx } from '../../../platform/db';
import type { Contract } from '../../../stores/contract-store';
import type { IdempotencyRecord, Keyed } from '../../../stores/fact-tables';
import type { User } from '../../../stores/user-store';
import { contractWorkflowId } from '../../../messages/contract-messages';
import type { ApiDeps } from '../../api-deps';
import { answerAsReplay, idempotencyOf, replayOf } from '../../idempotency';
import { ProblemError } from '../../problem';
import { audit as auditBy } from '../audit/audit-service';
import { createContractService, isPartyUser } from '../contracts/contract-service';

/** A contract the caller may record a fact on now, seen from the caller's side and in the contract's policy time. */
export interface Recording {
  contract: Contract;
  user: User;
  side: Side;
  /** The contract's Shanghai date and instant in policy time (ahead of the wall clock when timeScale > 1). */
  today: LocalDate;
  nowMs: number;
}

export interface HttpContext {
  user: User;
  params: { id: string };
  body: unknown;
  req: Request;
  res: Response;
}

export interface CreateSpec<T> {
  findByKey(db: DbOrTx, contractId: string, key: string): Promise<Keyed<T> | undefined>;
  /** Checks a new record must pass; a replay skips them, its record passed them when it was created. */
  check?(recording: Recording): void;
  /** Undefined when a concurrent request with the same key committed first. */
  insert(tx: DbOrTx, recording: Recording, id: string, idempotency?: IdempotencyRecord): Promise<T | undefined>;
  audit(record: T): { action: string; details: Record<string, unknown> };
  /** Sent after commit, best effort. */
  signal?(handle: WorkflowHandle, record: T): Promise<void>;
}

const SIGNAL_DEADLINE_MS = 5_000;

/**
 * Every role reaches the handler, so a regulator who may read a contract learns why it may not record (403, not 404).
 */
export const anyRole = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

/** A day a fact happened on: inside the contract term and not after the contract's policy today. */
export function assertFactDate(recording: Recording, field: string, date: LocalDate): void {
  const { termStart, termEnd } = recording.contract;
  const latest = compareLocalDates(termEnd, recording.today) < 0 ? termEnd : recording.today;
  const early = compareLocalDates(date, termStart) < 0;
  if (early || compareLocalDates(date, latest) > 0) {
    const message =
      `${field} ${date} is out of range: it must lie from ${termStart} to ${latest} ` +
      `(the contract term ${termStart}–${termEnd}, and not after the contract's today ${recording.today})`;
    // Also as a validation error on the field, its bound as the limit, so a form shows it beside the field.
    const error = early
      ? { path: `body.${field}`, message, code: 'too_small', limit: termStart }
      : { path: `body.${field}`, message, code: 'too_big', limit: latest };
    throw new ProblemError('fact-out-of-range', message, {
      field,
      allowed: { from: termStart, to: latest },
      errors: [error],
    });
  }
}

/** An instant a fact happened at: its Shanghai date inside the term, and not after the contract's policy now. */
export function assertFactInstant(recording: Recording, field: string, instant: string): void {
  const ms = Date.parse(instant);
  assertFactDate(recording, field, shanghaiDateOf(ms));
  if (ms > recording.nowMs) {
    const now = new Date(recording.nowMs).toISOString();
    throw new ProblemError(
      'fact-out-of-range',
      `${field} ${instant} is out of range: it is after the contract's current time ${now}`,
      {
        field,
        allowed: { to: now },
        errors: [
          { path: `body.${field}`, message: `after the contract's current time ${now}`, code: 'too_big', limit: now },
        ],
      },
    );
  }
}

export function createFactService(deps: ApiDeps) {
  const contracts = createContractService(deps);
  const now = deps.clock ?? Date.now;

  /** Regulators of the region, admins and the two parties may read facts; everyone else sees no contract. */
  const readable = (user: User, id: string) => contracts.visibleContract(user, id);

  async function partyContract(user: User, id: string): Promise<Contract> {
    const contract = await contracts.visibleContract(user, id);
    if (!isPartyUser(user, contract)) {
      throw new ProblemError(
        'not-a-party',
        `only a party or liaison user of one of the contract's two institutions may record this; you are ${user.role}`,
      );
    }
    return contract;
  }

  function recordingOn(contract: Contract, user: User): Recording {
    if (!isInForce(contract.status))
      throw new ProblemError(
        'contract-not-active',
        `the contract is ${contract.status}; facts are recorded only while it is in force (active or rectifying)`,
      );
    const clock = contractClock(contract);
    const realNow = now();
    return {
      contract,
      user,
      side: user.institutionId === contract.medicalInstitutionId ? 'medical' : 'care',
      today: policyToday(clock, realNow),
      nowMs: policyNow(clock, realNow),
    };
  }

  async function recordable(user: User, id: string): Promise<Recording> {
    return recordingOn(await partyContract(user, id), user);
  }

  function audit(tx: DbOrTx, recording: Recording, action: string, details: Record<string, unknown>) {
    return auditBy(tx, recording.user, { type: 'contract', id: recording.contract.id }, action, details);
  }

  /** The workflow re-reads Postgres at each period boundary, so a lost signal only delays a reminder. */
  async function signalWorkflow(
    contractId: string,
    what: string,
    send: (handle: WorkflowHandle) => Promise<void>,
  ): Promise<void> {
    try {
      const handle = deps.temporal.workflow.getHandle(contractWorkflowId(contractId));
      await deps.temporal.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () => send(handle));
    } catch (err) {
      deps.logger.warn(
        { err, contractId, what },
        'could not signal the contract workflow; it will catch up from Postgres',
      );
    }
  }

  /**
   * Records a new fact once per Idempotency-Key: a retry with the same body gets the first
   * record back (200) and writes nothing, even if the contract has since moved on; the unique
   * (contract_id, idempotency_key) index makes concurrent retries create one row.
   */
  async function create<T>(ctx: HttpContext, spec: CreateSpec<T>): Promise<T> {
    const contract = await partyContract(ctx.user, ctx.params.id);
    const idempotency = idempotencyOf(ctx.req, ctx.body);
    const earlier = idempotency && (await spec.findByKey(deps.db, contract.id, idempotency.key));
    if (earlier) {
      const record = replayOf(earlier, idempotency);
      answerAsReplay(ctx.res);
      return record;
    }

    const recording = recordingOn(contract, ctx.user);
    spec.check?.(recording);
    const outcome = await deps.db.transaction(async (tx) => {
      const record = await spec.insert(tx, recording, randomUUID(), idempotency);
      if (record === undefined)
        return {
          created: false,
          record: replayOf((await spec.findByKey(tx, contract.id, idempotency!.key))!, idempotency!),
        };
      const { action, details } = spec.audit(record);
      await audit(tx, recording, action, details);
      return { created: true, record };
    });

    if (!outcome.created) answerAsReplay(ctx.res);
    else if (spec.signal)
      await signalWorkflow(contract.id, spec.audit(outcome.record).action, (handle) =>
        spec.signal!(handle, outcome.record),
      );
    return outcome.record;
  }

  return { db: deps.db, readable, recordable, create, audit, signalWorkflow, now };
}

export type FactService = ReturnType<typeof createFactService>;
