import { randomUUID } from 'node:crypto';
import { type Finding, type FindingInput, numberFindings } from '../domain/rectification-findings';
import type { DbOrTx } from '../platform/db';

export const RECTIFICATIONS_TABLE = 'rectification_orders';

/**
 * A finding as stored: itemized ones carry indicator, problem and responsible side, and keep `finding`
 * (= problem) for readers from before; orders issued before findings were itemized hold only
 * { id, finding, requiredCorrection }.
 */
export interface StoredFinding {
  id: string;
  finding: string;
  requiredCorrection: string;
  indicator?: string;
  problem?: string;
  responsibleSide?: Finding['responsibleSide'];
}

/** Every order's findings in the shared shape; an order from before reads as one overall finding for the medical side, whose qualification it put at stake. */
export interface OrderFinding extends Finding {
  finding: string;
}

export function storedFindings(findings: Finding[]): StoredFinding[] {
  return findings.map((f) => ({ ...f, finding: f.problem }));
}

const toOrderFinding = (f: StoredFinding): OrderFinding => ({
  id: f.id,
  indicator: f.indicator ?? 'overall',
  problem: f.problem ?? f.finding,
  finding: f.finding,
  requiredCorrection: f.requiredCorrection,
  responsibleSide: f.responsibleSide ?? 'medical',
});

export interface RectificationOrder {
  id: string;
  contractId: string;
  /** None for a regulator's direct order. */
  evaluationId?: string;
  origin: 'evaluation' | 'regulator';
  legalBasis?: string;
  reason?: string;
  issuedBy?: string;
  regionCode: string;
  status: string;
  findings: OrderFinding[];
  /** Findings each with a side, plan and review of their own (issue 12); false for orders from before. */
  itemized: boolean;
  /** When the order's mails left the outbox: its itemized deadlines run from then. */
  deliveredAt?: string;
  planDeadline?: string;
  failedFindingIds?: string[];
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
    evaluationId: r.evaluation_id ?? undefined,
    origin: r.origin ?? 'evaluation',
    legalBasis: r.legal_basis ?? undefined,
    reason: r.reason ?? undefined,
    issuedBy: r.issued_by ?? undefined,
    regionCode: r.region_code,
    status: r.status,
    findings: (r.findings as StoredFinding[]).map(toOrderFinding),
    itemized: (r.findings as StoredFinding[]).some((f) => f.responsibleSide !== undefined),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : undefined,
    planDeadline: r.plan_deadline ?? undefined,
    failedFindingIds: r.failed_finding_ids ?? undefined,
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
    findings: StoredFinding[];
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

/** A regulator's order on a contract (issue 12): findings and legal basis of its own, no evaluation. */
export async function insertDirectOrder(
  db: DbOrTx,
  o: {
    contractId: string;
    regionCode: string;
    findings: FindingInput[];
    legalBasis: string;
    reason: string;
    issuedBy: string;
    issuedOn: string;
    deadline: string;
    policy: unknown;
  },
): Promise<string> {
  const id = randomUUID();
  await db(RECTIFICATIONS_TABLE).insert({
    id,
    contract_id: o.contractId,
    evaluation_id: null,
    origin: 'regulator',
    legal_basis: o.legalBasis,
    reason: o.reason,
    issued_by: o.issuedBy,
    region_code: o.regionCode,
    findings: JSON.stringify(storedFindings(numberFindings(o.findings))),
    issued_on: o.issuedOn,
    original_deadline: o.deadline,
    deadline: o.deadline,
    policy: JSON.stringify(o.policy),
  });
  return id;
}

/** The contract's order still open (not closed, revoked or withdrawn), if any. */
export async function openOrderOf(db: DbOrTx, contractId: string): Promise<string | undefined> {
  const row = await db(RECTIFICATIONS_TABLE).where({ contract_id: contractId }).whereNull('outcome').first('id');
  return row?.id;
}
