import type { Side } from '../domain/contract';
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

export const MEETINGS_TABLE = 'meetings';
export const ACTION_ITEMS_TABLE = 'action_items';

export interface Attendee {
  name: string;
  side: Side;
  role?: string;
}

export type ActionItemOwnerSide = Side | 'both';

export interface ActionItem {
  id: string;
  meetingId: string;
  contractId: string;
  description: string;
  ownerSide: ActionItemOwnerSide;
  ownerName: string;
  dueDate: string;
  completedAt?: string;
  completedBy?: string;
}

/** 000_… §3.2: "monthly and quarterly communication meeting systems". */
export type MeetingCadence = 'monthly' | 'quarterly';

export interface Meeting {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  meetingDate: string;
  cadence: MeetingCadence;
  attendees: Attendee[];
  minutes: string;
  actionItems: ActionItem[];
}

export type NewMeeting = Omit<Meeting, 'createdAt' | 'actionItems'>;
export type NewActionItem = Omit<ActionItem, 'completedAt' | 'completedBy'>;
export type OpenActionItem = Pick<
  ActionItem,
  'id' | 'description' | 'ownerSide' | 'ownerName' | 'dueDate' | 'meetingId'
>;

function mapMeeting(row: Record<string, any>, actionItems: ActionItem[]): Meeting {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    meetingDate: row.meeting_date,
    cadence: row.cadence,
    attendees: row.attendees,
    minutes: row.minutes,
    actionItems,
  };
}

function mapItem(row: Record<string, any>): ActionItem {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    contractId: row.contract_id,
    description: row.description,
    ownerSide: row.owner_side,
    ownerName: row.owner_name,
    dueDate: row.due_date,
    ...(row.completed_at ? { completedAt: isoInstant(row.completed_at), completedBy: row.completed_by } : {}),
  };
}

const itemOrder = [{ column: 'due_date' }, { column: 'description' }];

async function itemsOf(db: DbOrTx, meetingIds: string[]): Promise<Map<string, ActionItem[]>> {
  const rows = await db(ACTION_ITEMS_TABLE).whereIn('meeting_id', meetingIds).orderBy(itemOrder);
  const byMeeting = new Map<string, ActionItem[]>();
  for (const row of rows) byMeeting.set(row.meeting_id, [...(byMeeting.get(row.meeting_id) ?? []), mapItem(row)]);
  return byMeeting;
}

/** Undefined when a meeting with the same idempotency key already exists for the contract. */
export async function insertMeeting(
  db: DbOrTx,
  m: NewMeeting,
  idempotency?: IdempotencyRecord,
): Promise<Meeting | undefined> {
  const [row] = await db(MEETINGS_TABLE)
    .insert({
      id: m.id,
      contract_id: m.contractId,
      recorded_by: m.recordedBy,
      meeting_date: m.meetingDate,
      cadence: m.cadence,
      attendees: JSON.stringify(m.attendees),
      minutes: m.minutes,
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapMeeting(row, []) : undefined;
}

export async function insertActionItems(db: DbOrTx, items: NewActionItem[]): Promise<ActionItem[]> {
  if (items.length === 0) return [];
  const rows = await db(ACTION_ITEMS_TABLE)
    .insert(
      items.map((i) => ({
        id: i.id,
        meeting_id: i.meetingId,
        contract_id: i.contractId,
        description: i.description,
        owner_side: i.ownerSide,
        owner_name: i.ownerName,
        due_date: i.dueDate,
      })),
    )
    .returning('*');
  return rows.map(mapItem);
}

export async function findMeetingByKey(
  db: DbOrTx,
  contractId: string,
  key: string,
): Promise<Keyed<Meeting> | undefined> {
  const row = await findRowByKey(db, MEETINGS_TABLE, contractId, key);
  if (!row) return undefined;
  return {
    record: mapMeeting(row, (await itemsOf(db, [row.id])).get(row.id) ?? []),
    requestSha256: row.request_sha256,
  };
}

/** Meetings by date, each with its action items. */
export async function listMeetings(db: DbOrTx, contractId: string): Promise<Meeting[]> {
  const rows = await db(MEETINGS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'meeting_date' }, { column: 'created_at' }]);
  const items = await itemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => mapMeeting(r, items.get(r.id) ?? []));
}

/** Meetings of any cadence on dates from `fromDate` to `toDate`, both inclusive: a quarterly meeting is also its month's. */
export async function countMeetingsBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  return countBetween(db, MEETINGS_TABLE, 'meeting_date', contractId, fromDate, toDate);
}

/** Quarterly meetings on dates from `fromDate` to `toDate`, both inclusive (a monthly one does not make the quarter's). */
export async function countQuarterlyMeetingsBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  const [row] = await db(MEETINGS_TABLE)
    .where({ contract_id: contractId, cadence: 'quarterly' })
    .whereBetween('meeting_date', [fromDate, toDate])
    .count({ count: '*' });
  return Number(row?.count ?? 0);
}

export async function findActionItem(db: DbOrTx, id: string): Promise<ActionItem | undefined> {
  const row = await db(ACTION_ITEMS_TABLE).where({ id }).first();
  return row ? mapItem(row) : undefined;
}

export async function listActionItems(db: DbOrTx, contractId: string, status?: 'open' | 'done'): Promise<ActionItem[]> {
  const query = db(ACTION_ITEMS_TABLE).where({ contract_id: contractId }).orderBy(itemOrder);
  if (status === 'open') query.whereNull('completed_at');
  if (status === 'done') query.whereNotNull('completed_at');
  return (await query).map(mapItem);
}

export async function listOpenActionItems(db: DbOrTx, contractId: string): Promise<OpenActionItem[]> {
  return (await listActionItems(db, contractId, 'open')).map(
    ({ id, description, ownerSide, ownerName, dueDate, meetingId }) => ({
      id,
      description,
      ownerSide,
      ownerName,
      dueDate,
      meetingId,
    }),
  );
}

/** Marks an open item done; undefined when it is already done (or absent), so two racing completions close it once. */
export async function completeActionItem(
  db: DbOrTx,
  id: string,
  by: { userId: string; at: string },
): Promise<ActionItem | undefined> {
  const [row] = await db(ACTION_ITEMS_TABLE)
    .where({ id })
    .whereNull('completed_at')
    .update({ completed_at: by.at, completed_by: by.userId })
    .returning('*');
  return row ? mapItem(row) : undefined;
}
