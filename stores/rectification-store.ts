import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';

export const RECTIFICATIONS_TABLE = 'rectification_orders';

export interface Finding {
  id: string;
  finding: string;
  requiredCorrection: string;
}

export interface RectificationOrder {
  id: string;
  contractId: string;
  evaluationId: string;
  regionCode: string;
  status: string;
  findings: Finding[];
  issuedOn: string;
  originalDeadline: string;
  deadline: string;
  extensions: number;
  extensionReason?: string;
  representationsDeadline?: string;
  /** When the notice of intended revocation was sent: the representations deadline runs from then. */
  revocationNoticeSentAt?: string;
  reEvaluationId?: string;
  outcome?: string;
  policy: any;
  createdAt: string;
  closedAt?: string;
}

function mapRow(r: Record<string, any>): RectificationOrder {
  return {
    id: r.id,
    contractId: r.contract_id,
    evaluationId: r.evaluation_id,
    regionCode: r.region_code,
    status: r.status,
    findings: r.findings,
    issuedOn: r.issued_on,
    originalDeadline: r.original_deadline,
    deadline: r.deadline,
    extensions: r.extensions,
    extensionReason: r.extension_reason ?? undefined,
    representationsDeadline: r.representations_deadline ?? undefined,
    revocationNoticeSentAt: r.revocation_notice_sent_at
      ? new Date(r.revocation_notice_sent_at).toISOString()
      : undefined,
    reEvaluationId: r.re_evaluation_id ?? undefined,
    outcome: r.outcome ?? undefined,
    policy: r.policy,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : undefined,
  };
}

/** One order per Unqualified evaluation: a retried grading finds the order it already issued. */
export async function insertRectificationOrder(
  db: DbOrTx,
  o: {
    contractId: string;
    evaluationId: string;
    regionCode: string;
    findings: Finding[];
    issuedOn: string;
    deadline: string;
    policy: unknown;
  },
): Promise<string> {
  await db(RECTIFICATIONS_TABLE)
    .insert({
      id: randomUUID(),
      contract_id: o.contractId,
      evaluation_id: o.evaluationId,
      region_code: o.regionCode,
      findings: JSON.stringify(o.findings),
      issued_on: o.issuedOn,
      original_deadline: o.deadline,
      deadline: o.deadline,
      policy: JSON.stringify(o.policy),
    })
    .onConflict('evaluation_id')
    .ignore();
  return (await db(RECTIFICATIONS_TABLE).where({ evaluation_id: o.evaluationId }).first('id')).id;
}

export async function findRectification(db: DbOrTx, id: string): Promise<RectificationOrder | undefined> {
  const row = await db(RECTIFICATIONS_TABLE).where({ id }).first();
  return row ? mapRow(row) : undefined;
}

export async function updateRectification(db: DbOrTx, id: string, patch: Record<string, unknown>): Promise<void> {
  await db(RECTIFICATIONS_TABLE).where({ id }).update(patch);
}
