import type { DbOrTx } from '../platform/db';
import type { AgreementTerms } from '../domain/agreement';

export const AGREEMENT_TEMPLATES_TABLE = 'agreement_templates';

export interface AgreementTemplate {
  regionCode: string;
  version: number;
  terms: AgreementTerms;
  note?: string;
  publishedBy: string;
  publishedAt: string;
}

function mapRow(row: Record<string, any>): AgreementTemplate {
  return {
    regionCode: row.region_code,
    version: row.version,
    terms: row.terms,
    note: row.note ?? undefined,
    publishedBy: row.published_by,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}

/**
 * Publishes the region's next version. The caller's transaction must hold the region's row lock
 * (lockRegionForTemplates), so two publishers never pick the same number.
 */
export async function insertNextTemplate(
  tx: DbOrTx,
  t: { regionCode: string; terms: AgreementTerms; note?: string; publishedBy: string },
): Promise<AgreementTemplate> {
  const [{ latest }] = (await tx(AGREEMENT_TEMPLATES_TABLE)
    .where({ region_code: t.regionCode })
    .max({ latest: 'version' })) as [{ latest: number | null }];
  const [row] = await tx(AGREEMENT_TEMPLATES_TABLE)
    .insert({
      region_code: t.regionCode,
      version: (latest ?? 0) + 1,
      terms: JSON.stringify(t.terms),
      note: t.note ?? null,
      published_by: t.publishedBy,
    })
    .returning('*');
  return mapRow(row);
}

/** Locks the region's row until the transaction ends: versions are numbered one publisher at a time. */
export async function lockRegionForTemplates(tx: DbOrTx, regionCode: string): Promise<boolean> {
  return Boolean(await tx('regions').where({ code: regionCode }).forUpdate().first('code'));
}

export async function findTemplate(
  db: DbOrTx,
  regionCode: string,
  version: number,
): Promise<AgreementTemplate | undefined> {
  const row = await db(AGREEMENT_TEMPLATES_TABLE).where({ region_code: regionCode, version }).first();
  return row ? mapRow(row) : undefined;
}

/** The region's versions, latest first. */
export async function listTemplates(db: DbOrTx, regionCode: string): Promise<AgreementTemplate[]> {
  const rows = await db(AGREEMENT_TEMPLATES_TABLE).where({ region_code: regionCode }).orderBy('version', 'desc');
  return rows.map(mapRow);
}

export async function templateVersions(db: DbOrTx, regionCode: string): Promise<number[]> {
  return db(AGREEMENT_TEMPLATES_TABLE).where({ region_code: regionCode }).orderBy('version', 'desc').pluck('version');
}
