import type { DbOrTx } from '../platform/db';
import { CONTRACTS_TABLE } from './contract-store';
import { INSTITUTIONS_TABLE } from './institution-store';
import { RECTIFICATIONS_TABLE } from './rectification-store';

/** One row of the rectification desk: the order, its contract's parties and the contract's policy clock. */
export interface RectificationListRow {
  id: string;
  contractId: string;
  regionCode: string;
  origin: 'evaluation' | 'regulator';
  status: string;
  outcome?: string;
  issuedOn: string;
  deadline: string;
  extensions: number;
  representationsDeadline?: string;
  findingCount: number;
  medicalInstitutionId: string;
  medicalInstitutionName: string;
  careInstitutionId: string;
  careInstitutionName: string;
  clockAnchor: string;
  timeScale: number;
}

export interface RectificationListFilter {
  /** Undefined: every region. */
  regionCodes?: string[];
  /** Only orders of contracts this institution is a party to. */
  institutionId?: string;
  /** 'open': no outcome yet; otherwise the order's step. */
  status: string;
  dueBy?: string;
  after?: { deadline: string; id: string };
  limit: number;
}

const O = RECTIFICATIONS_TABLE;

/** Orders by deadline, then id (a keyset: an order added or closed between pages never shifts the others). */
export async function listRectifications(
  db: DbOrTx,
  f: RectificationListFilter,
): Promise<{ items: RectificationListRow[]; total: number }> {
  const base = db(O)
    .join(`${CONTRACTS_TABLE} as c`, 'c.id', `${O}.contract_id`)
    .modify((q) => {
      if (f.regionCodes) q.whereIn(`${O}.region_code`, f.regionCodes);
      if (f.institutionId)
        q.where((w) =>
          w.where('c.medical_institution_id', f.institutionId!).orWhere('c.care_institution_id', f.institutionId!),
        );
      if (f.status === 'open') q.whereNull(`${O}.outcome`);
      else q.where(`${O}.status`, f.status);
      if (f.dueBy) q.where(`${O}.deadline`, '<=', f.dueBy);
    });
  const [counted] = await base.clone().count<{ count: string }[]>({ count: '*' });
  const rows = await base
    .clone()
    .join(`${INSTITUTIONS_TABLE} as m`, 'm.id', 'c.medical_institution_id')
    .join(`${INSTITUTIONS_TABLE} as k`, 'k.id', 'c.care_institution_id')
    .modify((q) => {
      if (f.after) q.whereRaw(`(${O}.deadline, ${O}.id) > (?, ?)`, [f.after.deadline, f.after.id]);
    })
    .orderBy([
      { column: `${O}.deadline`, order: 'asc' },
      { column: `${O}.id`, order: 'asc' },
    ])
    .limit(f.limit)
    .select(
      `${O}.*`,
      'c.medical_institution_id',
      'c.care_institution_id',
      'c.clock_anchor',
      db.raw(`(c.policy->>'timeScale')::float as time_scale`),
      'm.name as medical_name',
      'k.name as care_name',
    );
  return {
    total: Number(counted?.count ?? 0),
    items: rows.map((r: Record<string, any>) => ({
      id: r.id,
      contractId: r.contract_id,
      regionCode: r.region_code,
      origin: r.origin ?? 'evaluation',
      status: r.status,
      outcome: r.outcome ?? undefined,
      issuedOn: r.issued_on,
      deadline: r.deadline,
      extensions: r.extensions,
      representationsDeadline: r.representations_deadline ?? undefined,
      findingCount: Array.isArray(r.findings) ? r.findings.length : 0,
      medicalInstitutionId: r.medical_institution_id,
      medicalInstitutionName: r.medical_name,
      careInstitutionId: r.care_institution_id,
      careInstitutionName: r.care_name,
      clockAnchor: new Date(r.clock_anchor).toISOString(),
      timeScale: Number(r.time_scale) || 1,
    })),
  };
}
