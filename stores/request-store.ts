import type { Side } from '../domain/contract';
import type { DbOrTx } from '../platform/db';
import {
  findRowByKey,
  IDEMPOTENCY_CONFLICT,
  idempotencyColumns,
  IdempotencyRecord,
  isoInstant,
  Keyed,
} from './fact-tables';

export const REQUESTS_TABLE = 'requests';

/** A request one party raises to the other; it must be answered by `answerDueDate`. */
export interface PartyRequest {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  fromSide: Side;
  subject: string;
  body: string;
  raisedDate: string;
  answerDueDate: string;
  answeredAt?: string;
  answeredBy?: string;
  answer?: string;
}

export type NewPartyRequest = Omit<PartyRequest, 'createdAt' | 'answeredAt' | 'answeredBy' | 'answer'>;
export type OpenRequest = Pick<PartyRequest, 'id' | 'subject' | 'fromSide' | 'raisedDate' | 'answerDueDate'>;

function mapRow(row: Record<string, any>): PartyRequest {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    fromSide: row.from_side,
    subject: row.subject,
    body: row.body,
    raisedDate: row.raised_date,
    answerDueDate: row.answer_due_date,
    ...(row.answered_at
      ? { answeredAt: isoInstant(row.answered_at), answeredBy: row.answered_by, answer: row.answer }
      : {}),
  };
}

/** Undefined when a request with the same idempotency key already exists for the contract. */
export async function insertRequest(
  db: DbOrTx,
  r: NewPartyRequest,
  idempotency?: IdempotencyRecord,
): Promise<PartyRequest | undefined> {
  const [row] = await db(REQUESTS_TABLE)
    .insert({
      id: r.id,
      contract_id: r.contractId,
      recorded_by: r.recordedBy,
      from_side: r.fromSide,
      subject: r.subject,
      body: r.body,
      raised_date: r.raisedDate,
      answer_due_date: r.answerDueDate,
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findRequestByKey(
  db: DbOrTx,
  contractId: string,
  key: string,
): Promise<Keyed<PartyRequest> | undefined> {
  const row = await findRowByKey(db, REQUESTS_TABLE, contractId, key);
  return row ? { record: mapRow(row), requestSha256: row.request_sha256 } : undefined;
}

export async function findRequest(db: DbOrTx, id: string): Promise<PartyRequest | undefined> {
  const row = await db(REQUESTS_TABLE).where({ id }).first();
  return row ? mapRow(row) : undefined;
}

export async function listRequests(
  db: DbOrTx,
  contractId: string,
  status?: 'open' | 'answered',
): Promise<PartyRequest[]> {
  const query = db(REQUESTS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'raised_date' }, { column: 'created_at' }]);
  if (status === 'open') query.whereNull('answered_at');
  if (status === 'answered') query.whereNotNull('answered_at');
  return (await query).map(mapRow);
}

/** Unanswered requests, the one due soonest first. */
export async function listOpenRequests(db: DbOrTx, contractId: string): Promise<OpenRequest[]> {
  const rows = await db(REQUESTS_TABLE)
    .where({ contract_id: contractId })
    .whereNull('answered_at')
    .orderBy([{ column: 'answer_due_date' }, { column: 'created_at' }]);
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    fromSide: r.from_side,
    raisedDate: r.raised_date,
    answerDueDate: r.answer_due_date,
  }));
}

/** Answers an open request; undefined when it is already answered (or absent), so two racing answers record one. */
export async function answerRequest(
  db: DbOrTx,
  id: string,
  a: { answer: string; userId: string; at: string },
): Promise<PartyRequest | undefined> {
  const [row] = await db(REQUESTS_TABLE)
    .where({ id })
    .whereNull('answered_at')
    .update({ answer: a.answer, answered_by: a.userId, answered_at: a.at })
    .returning('*');
  return row ? mapRow(row) : undefined;
}
