import type { DbOrTx } from '../platform/db';
import type { Grade } from '../domain/grading';

export const CYCLES_TABLE = 'evaluation_cycles';
export const EVALUATIONS_TABLE = 'evaluations';

export interface EvaluationCycle {
  id: string;
  regionCode: string;
  half: string;
  deadline: string;
  status: 'running' | 'closed';
  launchedBy?: string;
  policy: any;
  contractsInScope?: number;
  createdAt: string;
  fanOutCompletedAt?: string;
  closedAt?: string;
  report?: Record<string, unknown>;
}

export interface Evaluation {
  id: string;
  cycleId?: string;
  contractId: string;
  kind: 'regular' | 're-evaluation';
  organizationId: string;
  status: 'assigned' | 'graded';
  deadline: string;
  overdue: boolean;
  evidence: Record<string, unknown>;
  scores?: Record<string, unknown>;
  onsiteDate?: string;
  findings?: string;
  weightedScore?: number;
  grade?: string;
  policyVersion?: number;
  submittedBy?: string;
  submittedAt?: string;
  gradedAt?: string;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : undefined);

function mapCycle(r: Record<string, any>): EvaluationCycle {
  return {
    id: r.id,
    regionCode: r.region_code,
    half: r.half,
    deadline: r.deadline,
    status: r.status,
    launchedBy: r.launched_by ?? undefined,
    policy: r.policy,
    contractsInScope: r.contracts_in_scope ?? undefined,
    createdAt: iso(r.created_at)!,
    fanOutCompletedAt: iso(r.fanout_completed_at),
    closedAt: iso(r.closed_at),
    report: r.report ?? undefined,
  };
}

function mapEvaluation(r: Record<string, any>): Evaluation {
  return {
    id: r.id,
    cycleId: r.cycle_id ?? undefined,
    contractId: r.contract_id,
    kind: r.kind,
    organizationId: r.evaluator_organization_id,
    status: r.status,
    deadline: r.deadline,
    overdue: r.overdue,
    evidence: r.evidence,
    scores: r.scores ?? undefined,
    onsiteDate: r.onsite_date ?? undefined,
    findings: r.findings ?? undefined,
    weightedScore: r.weighted_score == null ? undefined : Number(r.weighted_score),
    grade: r.grade ?? undefined,
    policyVersion: r.policy_version ?? undefined,
    submittedBy: r.submitted_by ?? undefined,
    submittedAt: iso(r.submitted_at),
    gradedAt: iso(r.graded_at),
  };
}

/** Creates the region's cycle for a half-year, or returns the one that exists (launching twice starts nothing new). */
export async function insertCycle(
  db: DbOrTx,
  c: { id: string; regionCode: string; half: string; deadline: string; launchedBy: string | null; policy: unknown },
): Promise<{ cycle: EvaluationCycle; created: boolean }> {
  const inserted = await db(CYCLES_TABLE)
    .insert({
      id: c.id,
      region_code: c.regionCode,
      half: c.half,
      deadline: c.deadline,
      launched_by: c.launchedBy,
      policy: JSON.stringify(c.policy),
    })
    .onConflict(['region_code', 'half'])
    .ignore()
    .returning('*');
  if (inserted[0]) return { cycle: mapCycle(inserted[0]), created: true };
  return {
    cycle: mapCycle(await db(CYCLES_TABLE).where({ region_code: c.regionCode, half: c.half }).first()),
    created: false,
  };
}

export async function findCycle(db: DbOrTx, id: string): Promise<EvaluationCycle | undefined> {
  const row = await db(CYCLES_TABLE).where({ id }).first();
  return row ? mapCycle(row) : undefined;
}

export async function updateCycle(db: DbOrTx, id: string, patch: Record<string, unknown>): Promise<void> {
  await db(CYCLES_TABLE).where({ id }).update(patch);
}

export async function findEvaluation(db: DbOrTx, id: string): Promise<Evaluation | undefined> {
  const row = await db(EVALUATIONS_TABLE).where({ id }).first();
  return row ? mapEvaluation(row) : undefined;
}

export async function listCycleEvaluations(db: DbOrTx, cycleId: string, contractIds?: string[]): Promise<Evaluation[]> {
  const query = db(EVALUATIONS_TABLE).where({ cycle_id: cycleId });
  if (contractIds) query.whereIn('contract_id', contractIds);
  return (await query.orderBy('contract_id')).map(mapEvaluation);
}

export async function insertEvaluations(
  db: DbOrTx,
  rows: {
    id: string;
    cycleId: string | null;
    contractId: string;
    kind: Evaluation['kind'];
    organizationId: string;
    deadline: string;
    evidence: unknown;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db(EVALUATIONS_TABLE)
    .insert(
      rows.map((r) => ({
        id: r.id,
        cycle_id: r.cycleId,
        contract_id: r.contractId,
        kind: r.kind,
        evaluator_organization_id: r.organizationId,
        deadline: r.deadline,
        evidence: JSON.stringify(r.evidence),
      })),
    )
    .onConflict(['cycle_id', 'contract_id'])
    .ignore();
}

/** Assignments per organization in a cycle, so a page balances against what earlier pages assigned. */
export async function loadByOrganization(db: DbOrTx, cycleId: string): Promise<Map<string, number>> {
  const rows = await db(EVALUATIONS_TABLE)
    .where({ cycle_id: cycleId })
    .groupBy('evaluator_organization_id')
    .select('evaluator_organization_id')
    .count({ n: '*' });
  return new Map(rows.map((r: any) => [r.evaluator_organization_id, Number(r.n)]));
}

export interface CycleProgress {
  inScope: number;
  assigned: number;
  graded: number;
  overdue: number;
  byOrganization: { organizationId: string; assigned: number; graded: number; overdue: number }[];
  grades: Record<string, number>;
}

export async function cycleProgress(db: DbOrTx, cycleId: string): Promise<CycleProgress> {
  const rows = await db(EVALUATIONS_TABLE)
    .where({ cycle_id: cycleId })
    .groupBy('evaluator_organization_id', 'status', 'overdue', 'grade')
    .select('evaluator_organization_id as org', 'status', 'overdue', 'grade')
    .count({ n: '*' });
  const progress: CycleProgress = { inScope: 0, assigned: 0, graded: 0, overdue: 0, byOrganization: [], grades: {} };
  const byOrg = new Map<string, { organizationId: string; assigned: number; graded: number; overdue: number }>();
  for (const r of rows as any[]) {
    const n = Number(r.n);
    const org = byOrg.get(r.org) ?? { organizationId: r.org, assigned: 0, graded: 0, overdue: 0 };
    byOrg.set(r.org, org);
    progress.inScope += n;
    org.assigned += n;
    progress.assigned += n;
    if (r.status === 'graded') {
      progress.graded += n;
      org.graded += n;
      progress.grades[r.grade] = (progress.grades[r.grade] ?? 0) + n;
    }
    if (r.overdue) {
      progress.overdue += n;
      org.overdue += n;
    }
  }
  progress.byOrganization = [...byOrg.values()].sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  return progress;
}

export async function gradedScoresByOrganization(
  db: DbOrTx,
  cycleId: string,
): Promise<{ organizationId: string; scores: number[] }[]> {
  const rows = await db(EVALUATIONS_TABLE)
    .where({ cycle_id: cycleId, status: 'graded' })
    .select('evaluator_organization_id as org', 'weighted_score');
  const byOrg = new Map<string, number[]>();
  for (const r of rows as any[]) byOrg.set(r.org, [...(byOrg.get(r.org) ?? []), Number(r.weighted_score)]);
  return [...byOrg.entries()].map(([organizationId, scores]) => ({ organizationId, scores }));
}

export async function markGraded(
  db: DbOrTx,
  id: string,
  g: {
    scores: unknown;
    onsiteDate: string;
    findings: string;
    weightedScore: number;
    grade: string;
    policyVersion: number;
    userId: string;
    at: string;
  },
): Promise<boolean> {
  const updated = await db(EVALUATIONS_TABLE)
    .where({ id, status: 'assigned' })
    .update({
      status: 'graded',
      scores: JSON.stringify(g.scores),
      onsite_date: g.onsiteDate,
      findings: g.findings,
      weighted_score: g.weightedScore,
      grade: g.grade,
      policy_version: g.policyVersion,
      submitted_by: g.userId,
      submitted_at: g.at,
      graded_at: g.at,
    });
  return updated > 0;
}

export async function markOverdue(db: DbOrTx, id: string): Promise<void> {
  await db(EVALUATIONS_TABLE).where({ id }).update({ overdue: true });
}

/** Evaluations by organization and/or cycle, a keyset page by (deadline, id): soonest due first. */
export async function listEvaluationsPage(
  db: DbOrTx,
  filter: { organizationId?: string; cycleId?: string; status?: Evaluation['status'] },
  page: { limit: number; after?: { name: string; id: string } },
): Promise<{ items: (Evaluation & { name: string })[]; total: number }> {
  const query = db(EVALUATIONS_TABLE);
  if (filter.organizationId) query.where({ evaluator_organization_id: filter.organizationId });
  if (filter.cycleId) query.where({ cycle_id: filter.cycleId });
  if (filter.status) query.where({ status: filter.status });
  const [{ n }] = (await query.clone().count({ n: '*' })) as [{ n: string | number }];
  if (page.after) query.whereRaw('(deadline, id) > (?::date, ?::uuid)', [page.after.name, page.after.id]);
  const rows = await query.orderBy([{ column: 'deadline' }, { column: 'id' }]).limit(page.limit);
  return { items: rows.map((r) => ({ ...mapEvaluation(r), name: String(r.deadline) })), total: Number(n) };
}

export async function listCycles(db: DbOrTx, regionCode: string): Promise<EvaluationCycle[]> {
  return (await db(CYCLES_TABLE).where({ region_code: regionCode }).orderBy('created_at', 'desc')).map(mapCycle);
}

/** Open assignments per organization, across cycles and re-evaluations, for balancing a single assignment. */
export async function loadByOrganizationIds(db: DbOrTx, organizationIds: string[]): Promise<Map<string, number>> {
  const rows = await db(EVALUATIONS_TABLE)
    .whereIn('evaluator_organization_id', organizationIds)
    .where({ status: 'assigned' })
    .groupBy('evaluator_organization_id')
    .select('evaluator_organization_id')
    .count({ n: '*' });
  return new Map(rows.map((r: any) => [r.evaluator_organization_id, Number(r.n)]));
}

/** Every grade a contract was given (cycle evaluations and re-evaluations), oldest first. */
export async function listContractGrades(
  db: DbOrTx,
  contractId: string,
): Promise<{ grade: Grade; gradedAtMs: number }[]> {
  const rows = await db(EVALUATIONS_TABLE)
    .where({ contract_id: contractId, status: 'graded' })
    .orderBy('graded_at')
    .select('grade', 'graded_at');
  return rows.map((r) => ({ grade: r.grade, gradedAtMs: new Date(r.graded_at).getTime() }));
}

export interface OverdueEvaluation {
  id: string;
  contractId: string;
  organizationId: string;
  organizationName: string;
  careInstitutionName: string;
  medicalInstitutionName: string;
  deadline: string;
}

/**
 * A cycle's evaluations still unscored after their deadline (marked overdue, or past it by `today`),
 * oldest deadline first, in keyset pages by (deadline, id), with the names of the evaluator
 * organization and of the contract's two parties.
 */
export async function listOverdueCycleEvaluations(
  db: DbOrTx,
  cycleId: string,
  today: string,
  page: { limit: number; after?: { name: string; id: string } },
): Promise<{ items: OverdueEvaluation[]; total: number }> {
  const base = () =>
    db(`${EVALUATIONS_TABLE} as e`)
      .where({ 'e.cycle_id': cycleId, 'e.status': 'assigned' })
      .andWhere((q) => q.where('e.overdue', true).orWhere('e.deadline', '<', today));
  const query = base()
    .join('evaluator_organizations as o', 'o.id', 'e.evaluator_organization_id')
    .join('contracts as c', 'c.id', 'e.contract_id')
    .join('institutions as care', 'care.id', 'c.care_institution_id')
    .join('institutions as med', 'med.id', 'c.medical_institution_id')
    .select(
      'e.id',
      'e.contract_id',
      'e.evaluator_organization_id',
      'e.deadline',
      'o.name as organization_name',
      'care.name as care_name',
      'med.name as medical_name',
    );
  if (page.after) {
    const { name, id } = page.after;
    query.andWhere((q) =>
      q.where('e.deadline', '>', name).orWhere((q2) => q2.where('e.deadline', name).andWhere('e.id', '>', id)),
    );
  }
  const [rows, counted] = await Promise.all([
    query.orderBy([{ column: 'e.deadline' }, { column: 'e.id' }]).limit(page.limit),
    base().count({ n: '*' }),
  ]);
  return {
    items: (rows as any[]).map((r) => ({
      id: r.id,
      contractId: r.contract_id,
      organizationId: r.evaluator_organization_id,
      organizationName: r.organization_name,
      careInstitutionName: r.care_name,
      medicalInstitutionName: r.medical_name,
      deadline: r.deadline,
    })),
    total: Number((counted as any[])[0]?.n ?? 0),
  };
}
