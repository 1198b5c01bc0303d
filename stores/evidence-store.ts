import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';
import type { EvidenceFileRef } from '../messages/rectification-messages';

export const SUBMISSIONS_TABLE = 'evidence_submissions';
export const EVIDENCE_FILES_TABLE = 'evidence_files';

export interface EvidenceText {
  findingId: string;
  text: string;
}

export interface EvidenceSubmission {
  id: string;
  rectificationId: string;
  submittedBy: string;
  receivedAt: string;
  texts: EvidenceText[];
  files: EvidenceFileRef[];
}

/**
 * File rows have no position column, yet a submission lists its files in upload order: the
 * first 8 hex digits of each row id carry the position, the rest stays random.
 */
function positionalId(position: number): string {
  return position.toString(16).padStart(8, '0') + randomUUID().slice(8);
}

function mapFile(r: Record<string, any>): EvidenceFileRef {
  return {
    ...(r.finding_id ? { findingId: r.finding_id } : {}),
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
  };
}

/**
 * Records a submission and its files in the caller's transaction. Idempotent on the submission
 * id: a retry finds the row and writes nothing. Returns whether this call inserted it.
 */
export async function insertSubmission(
  db: DbOrTx,
  s: {
    id: string;
    rectificationId: string;
    submittedBy: string;
    receivedAt: string;
    texts: EvidenceText[];
    files: EvidenceFileRef[];
  },
): Promise<boolean> {
  const inserted = await db(SUBMISSIONS_TABLE)
    .insert({
      id: s.id,
      rectification_id: s.rectificationId,
      submitted_by: s.submittedBy,
      received_at: s.receivedAt,
      texts: JSON.stringify(s.texts),
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  if (inserted.length === 0) return false;
  if (s.files.length > 0) {
    await db(EVIDENCE_FILES_TABLE).insert(
      s.files.map((f, i) => ({
        id: positionalId(i),
        submission_id: s.id,
        finding_id: f.findingId ?? null,
        filename: f.filename,
        content_type: f.contentType,
        size: f.size,
        sha256: f.sha256,
      })),
    );
  }
  return true;
}

async function withFiles(db: DbOrTx, rows: Record<string, any>[]): Promise<EvidenceSubmission[]> {
  if (rows.length === 0) return [];
  const files = await db(EVIDENCE_FILES_TABLE)
    .whereIn(
      'submission_id',
      rows.map((r) => r.id),
    )
    .orderBy('id');
  return rows.map((r) => ({
    id: r.id,
    rectificationId: r.rectification_id,
    submittedBy: r.submitted_by,
    receivedAt: new Date(r.received_at).toISOString(),
    texts: r.texts,
    files: files.filter((f) => f.submission_id === r.id).map(mapFile),
  }));
}

export async function listSubmissions(db: DbOrTx, rectificationId: string): Promise<EvidenceSubmission[]> {
  return withFiles(
    db,
    await db(SUBMISSIONS_TABLE)
      .where({ rectification_id: rectificationId })
      .orderBy([{ column: 'received_at' }, { column: 'id' }]),
  );
}

export async function findSubmission(db: DbOrTx, id: string): Promise<EvidenceSubmission | undefined> {
  const row = await db(SUBMISSIONS_TABLE).where({ id }).first();
  return row ? (await withFiles(db, [row]))[0] : undefined;
}

/** A stored file as one of this rectification's submissions names it (the first, if several do). */
export async function findRectificationFile(
  db: DbOrTx,
  rectificationId: string,
  sha256: string,
): Promise<EvidenceFileRef | undefined> {
  const row = await db(`${EVIDENCE_FILES_TABLE} as f`)
    .join(`${SUBMISSIONS_TABLE} as s`, 's.id', 'f.submission_id')
    .where({ 's.rectification_id': rectificationId, 'f.sha256': sha256 })
    .orderBy([{ column: 's.received_at' }, { column: 'f.id' }])
    .first('f.*');
  return row ? mapFile(row) : undefined;
}

/** Which of these content addresses some evidence file record still refers to. */
export async function referencedEvidenceFiles(db: DbOrTx, sha256s: string[]): Promise<Set<string>> {
  const rows = await db(EVIDENCE_FILES_TABLE).distinct('sha256').whereIn('sha256', sha256s);
  return new Set(rows.map((r) => r.sha256 as string));
}
