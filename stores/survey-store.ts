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

export const SURVEYS_TABLE = 'surveys';

export interface Survey {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  surveyDate: string;
  respondents: number;
  summary: string;
  needs: string[];
}

export type NewSurvey = Omit<Survey, 'createdAt'>;

function mapRow(row: Record<string, any>): Survey {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    surveyDate: row.survey_date,
    respondents: row.respondents,
    summary: row.summary,
    needs: row.needs,
  };
}

/** Undefined when a survey with the same idempotency key already exists for the contract. */
export async function insertSurvey(
  db: DbOrTx,
  s: NewSurvey,
  idempotency?: IdempotencyRecord,
): Promise<Survey | undefined> {
  const [row] = await db(SURVEYS_TABLE)
    .insert({
      id: s.id,
      contract_id: s.contractId,
      recorded_by: s.recordedBy,
      survey_date: s.surveyDate,
      respondents: s.respondents,
      summary: s.summary,
      needs: JSON.stringify(s.needs),
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findSurveyByKey(db: DbOrTx, contractId: string, key: string): Promise<Keyed<Survey> | undefined> {
  const row = await findRowByKey(db, SURVEYS_TABLE, contractId, key);
  return row ? { record: mapRow(row), requestSha256: row.request_sha256 } : undefined;
}

export async function listSurveys(db: DbOrTx, contractId: string): Promise<Survey[]> {
  const rows = await db(SURVEYS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'survey_date' }, { column: 'created_at' }]);
  return rows.map(mapRow);
}

/** Surveys on dates from `fromDate` to `toDate`, both inclusive. */
export async function countSurveysBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  return countBetween(db, SURVEYS_TABLE, 'survey_date', contractId, fromDate, toDate);
}
