import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';
import type { EvidenceFileRef } from '../messages/rectification-messages';

export const REPRESENTATIONS_TABLE = 'representations';
export const REPRESENTATION_FILES_TABLE = 'representation_files';
export const DECISIONS_TABLE = 'revocation_decisions';
export const CONSIDERATIONS_TABLE = 'representation_considerations';

export interface Representation {
  id: string;
  rectificationId: string;
  kind: 'filed' | 'waived';
  institutionId: string;
  submittedBy: string;
  receivedAt: string;
  text?: string;
  textSha256?: string;
  textLength?: number;
  files: EvidenceFileRef[];
  /** How the regulator's decision considered it, once decided. */
  consideration?: string;
}

export interface RevocationDecision {
  rectificationId: string;
  decision: 'confirm' | 'withdraw';
  reasons: string;
  decidedBy: string;
  decidedAt: string;
  reach?: string;
  institutionIds?: string[];
  endedContractIds?: string[];
}

const mapFile = (r: Record<string, any>): EvidenceFileRef => ({
  filename: r.filename,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
});

/** Records a representation (or a declaration of none) with its files; a retry with the same id writes nothing. */
export async function insertRepresentation(
  db: DbOrTx,
  r: Omit<Representation, 'consideration' | 'files'> & { files: EvidenceFileRef[] },
): Promise<boolean> {
  const inserted = await db(REPRESENTATIONS_TABLE)
    .insert({
      id: r.id,
      rectification_id: r.rectificationId,
      kind: r.kind,
      institution_id: r.institutionId,
      submitted_by: r.submittedBy,
      received_at: r.receivedAt,
      text: r.text ?? null,
      text_sha256: r.textSha256 ?? null,
      text_length: r.textLength ?? null,
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  if (inserted.length === 0) return false;
  if (r.files.length > 0)
    await db(REPRESENTATION_FILES_TABLE).insert(
      r.files.map((f, position) => ({
        id: randomUUID(),
        representation_id: r.id,
        position,
        filename: f.filename,
        content_type: f.contentType,
        size: f.size,
        sha256: f.sha256,
      })),
    );
  return true;
}

async function withFiles(db: DbOrTx, rows: Record<string, any>[]): Promise<Representation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const [files, considerations] = await Promise.all([
    db(REPRESENTATION_FILES_TABLE).whereIn('representation_id', ids).orderBy(['representation_id', 'position']),
    db(CONSIDERATIONS_TABLE).whereIn('representation_id', ids),
  ]);
  const considered = new Map(considerations.map((c) => [c.representation_id as string, c.consideration as string]));
  return rows.map((r) => ({
    id: r.id,
    rectificationId: r.rectification_id,
    kind: r.kind,
    institutionId: r.institution_id,
    submittedBy: r.submitted_by,
    receivedAt: new Date(r.received_at).toISOString(),
    ...(r.text !== null ? { text: r.text, textSha256: r.text_sha256, textLength: r.text_length } : {}),
    files: files.filter((f) => f.representation_id === r.id).map(mapFile),
    ...(considered.has(r.id) ? { consideration: considered.get(r.id) } : {}),
  }));
}

export async function listRepresentations(db: DbOrTx, rectificationId: string): Promise<Representation[]> {
  return withFiles(
    db,
    await db(REPRESENTATIONS_TABLE)
      .where({ rectification_id: rectificationId })
      .orderBy([{ column: 'received_at' }, { column: 'id' }]),
  );
}

export async function findRepresentation(db: DbOrTx, id: string): Promise<Representation | undefined> {
  const row = await db(REPRESENTATIONS_TABLE).where({ id }).first();
  return row ? (await withFiles(db, [row]))[0] : undefined;
}

/** A stored file as one of this order's representations names it. */
export async function findRepresentationFile(db: DbOrTx, rectificationId: string, sha256: string) {
  const row = await db(`${REPRESENTATION_FILES_TABLE} as f`)
    .join(`${REPRESENTATIONS_TABLE} as r`, 'r.id', 'f.representation_id')
    .where({ 'r.rectification_id': rectificationId, 'f.sha256': sha256 })
    .first('f.*');
  return row ? mapFile(row) : undefined;
}

/** Which of these content addresses a representation file still refers to (for the storage sweep). */
export async function referencedRepresentationFiles(db: DbOrTx, sha256s: string[]): Promise<Set<string>> {
  const rows = await db(REPRESENTATION_FILES_TABLE).distinct('sha256').whereIn('sha256', sha256s);
  return new Set(rows.map((r) => r.sha256 as string));
}

/** The decision with its considerations, once: a retry finds the first and writes nothing. */
export async function insertDecision(
  db: DbOrTx,
  d: Omit<RevocationDecision, 'reach' | 'institutionIds' | 'endedContractIds'>,
  considerations: { representationId: string; consideration: string }[],
): Promise<void> {
  const inserted = await db(DECISIONS_TABLE)
    .insert({
      rectification_id: d.rectificationId,
      decision: d.decision,
      reasons: d.reasons,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
    })
    .onConflict('rectification_id')
    .ignore()
    .returning('rectification_id');
  if (inserted.length === 0 || considerations.length === 0) return;
  await db(CONSIDERATIONS_TABLE).insert(
    considerations.map((c) => ({
      representation_id: c.representationId,
      rectification_id: d.rectificationId,
      consideration: c.consideration,
    })),
  );
}

export async function findDecision(db: DbOrTx, rectificationId: string): Promise<RevocationDecision | undefined> {
  const r = await db(DECISIONS_TABLE).where({ rectification_id: rectificationId }).first();
  if (!r) return undefined;
  return {
    rectificationId: r.rectification_id,
    decision: r.decision,
    reasons: r.reasons,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
    ...(r.reach ? { reach: r.reach, institutionIds: r.institution_ids, endedContractIds: r.ended_contract_ids } : {}),
  };
}

export async function recordReach(
  db: DbOrTx,
  rectificationId: string,
  reach: { reach: string; institutionIds: string[]; endedContractIds: string[] },
): Promise<void> {
  await db(DECISIONS_TABLE)
    .where({ rectification_id: rectificationId })
    .update({
      reach: reach.reach,
      institution_ids: JSON.stringify(reach.institutionIds),
      ended_contract_ids: JSON.stringify(reach.endedContractIds),
    });
}
