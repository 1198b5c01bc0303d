import type { DbOrTx } from '../platform/db';
import {
  countBetween,
  findRowByKey,
  IDEMPOTENCY_CONFLICT,
  idempotencyColumns,
  IdempotencyRecord,
  isoInstant,
  Keyed,
} from './fact-tables';

export const HEALTH_TALKS_TABLE = 'health_talks';

/** A health talk given to the home's residents: the agreement sets how many a year. */
export interface HealthTalk {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  talkDate: string;
  topic: string;
  /** Residents and staff who attended. */
  attendees: number;
  speaker?: string;
}

export type NewHealthTalk = Omit<HealthTalk, 'createdAt'>;

function mapRow(row: Record<string, any>): HealthTalk {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    talkDate: row.talk_date,
    topic: row.topic,
    attendees: row.attendees,
    ...(row.speaker != null ? { speaker: row.speaker } : {}),
  };
}

/** Undefined when a talk with the same idempotency key already exists for the contract. */
export async function insertHealthTalk(
  db: DbOrTx,
  t: NewHealthTalk,
  idempotency?: IdempotencyRecord,
): Promise<HealthTalk | undefined> {
  const [row] = await db(HEALTH_TALKS_TABLE)
    .insert({
      id: t.id,
      contract_id: t.contractId,
      recorded_by: t.recordedBy,
      talk_date: t.talkDate,
      topic: t.topic,
      attendees: t.attendees,
      speaker: t.speaker ?? null,
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findHealthTalkByKey(
  db: DbOrTx,
  contractId: string,
  key: string,
): Promise<Keyed<HealthTalk> | undefined> {
  const row = await findRowByKey(db, HEALTH_TALKS_TABLE, contractId, key);
  return row ? { record: mapRow(row), requestSha256: row.request_sha256 } : undefined;
}

export async function listHealthTalks(db: DbOrTx, contractId: string): Promise<HealthTalk[]> {
  const rows = await db(HEALTH_TALKS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'talk_date' }, { column: 'created_at' }]);
  return rows.map(mapRow);
}

/** Talks on dates from `fromDate` to `toDate`, both inclusive. */
export async function countHealthTalksBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  return countBetween(db, HEALTH_TALKS_TABLE, 'talk_date', contractId, fromDate, toDate);
}
