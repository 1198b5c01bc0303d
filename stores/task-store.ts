import { type AgreedQuantities, agreedQuantitiesOf } from '../domain/agreement';
import type { Side } from '../domain/contract';
import type { ArrangedObligation } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import type { QueuePolicy } from '../domain/work-queue';
import type { DbOrTx } from '../platform/db';
import { CONTRACTS_TABLE } from './contract-store';

/**
 * The records the work queue reads: the same rows the workflows read and write (contracts,
 * signatures, facts, closed periods, requests, action items, evaluations, rectification orders),
 * a handful of index lookups per caller, never a workflow query.
 */

/** A PostgreSQL array literal, every element quoted, so one bound parameter carries the whole list. */
export const pgArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export interface TaskContract {
  id: string;
  status: string;
  regionCode: string;
  medicalInstitutionId: string;
  careInstitutionId: string;
  medicalName: string;
  careName: string;
  termStart: string;
  termEnd: string;
  activatedAt?: string;
  clockAnchor: string;
  signingDeadline: string;
  policy: QueuePolicy;
  /** The agreement's quantities: what each period is held to. */
  agreed: AgreedQuantities;
  signedSides: Side[];
}

/**
 * A region's policy version names one snapshot (region-store bumps the version with every change,
 * contract-store stores the version with the snapshot): its sections are read from the first row
 * of each region and version only, the other rows carry the key.
 */
const queuePolicyOf = (
  p: string,
) => `jsonb_strip_nulls(jsonb_build_object('version', ${p} -> 'version', 'timeScale', ${p} -> 'timeScale',
  'signing', ${p} -> 'signing', 'obligations', ${p} -> 'obligations', 'rectification', ${p} -> 'rectification',
  'approval', ${p} -> 'approval', 'renewal', ${p} -> 'renewal',
  'evaluation', jsonb_build_object('reminderDaysBefore', ${p} -> 'evaluation' -> 'reminderDaysBefore')))::text`;

export const contractColumns = `c.id, c.status, c.region_code, c.policy_version, c.medical_institution_id,
  c.care_institution_id, m.name AS medical_name, k.name AS care_name, c.term_start, c.term_end, c.activated_at,
  c.clock_anchor, c.signing_deadline, c.terms -> 'visitFrequency' AS visit_frequency,
  c.terms -> 'communication' AS communication,
  CASE WHEN row_number() OVER (PARTITION BY c.region_code, c.policy_version ORDER BY c.id) = 1
       THEN ${queuePolicyOf('c.policy')} END AS policy_text,
  CASE WHEN c.status = 'draft' THEN ARRAY(SELECT s.side FROM contract_signatures s WHERE s.contract_id = c.id) END
    AS signed_sides`;

const iso = (value: unknown) => new Date(value as string).toISOString();

/** Each distinct policy version of the rows, parsed once; contracts of one version share the object (read-only). */
export function policiesOf(rows: Record<string, any>[]) {
  const parsed = new Map<string, QueuePolicy>();
  for (const r of rows)
    if (r.policy_text) parsed.set(`${r.region_code}:${r.policy_version}`, JSON.parse(r.policy_text) as QueuePolicy);
  return (r: Record<string, any>) => parsed.get(`${r.region_code}:${r.policy_version}`)!;
}

export function mapContract(r: Record<string, any>, policyOf: (r: Record<string, any>) => QueuePolicy): TaskContract {
  return {
    id: r.id,
    status: r.status,
    regionCode: r.region_code,
    medicalInstitutionId: r.medical_institution_id,
    careInstitutionId: r.care_institution_id,
    medicalName: r.medical_name,
    careName: r.care_name,
    termStart: r.term_start,
    termEnd: r.term_end,
    activatedAt: r.activated_at ? iso(r.activated_at) : undefined,
    clockAnchor: iso(r.clock_anchor),
    signingDeadline: iso(r.signing_deadline),
    policy: policyOf(r),
    agreed: agreedQuantitiesOf({ visitFrequency: r.visit_frequency, communication: r.communication ?? undefined }),
    signedSides: r.signed_sides ?? [],
  };
}

/** Ids of an institution's contracts in the given states, one index lookup per side (optionally one contract). */
const contractsOfSides = (statuses: string) => `
  SELECT id FROM ${CONTRACTS_TABLE} WHERE medical_institution_id = :institutionId AND status IN (${statuses})
   AND (CAST(:contractId AS uuid) IS NULL OR id = CAST(:contractId AS uuid))
  UNION ALL
  SELECT id FROM ${CONTRACTS_TABLE} WHERE care_institution_id = :institutionId AND status IN (${statuses})
   AND (CAST(:contractId AS uuid) IS NULL OR id = CAST(:contractId AS uuid))`;
const inForce = contractsOfSides("'active', 'rectifying'");

/**
 * The same contracts as a condition on a joined contracts row: the planner then knows it drives a
 * few hundred index probes of the open rows (an IN (ids) subquery, estimated at 200 rows, had it
 * hash every open request of the database instead).
 */
export const inForceOf = (
  c: string,
) => `(${c}.medical_institution_id = :institutionId OR ${c}.care_institution_id = :institutionId)
  AND ${c}.status IN ('active', 'rectifying') AND (CAST(:contractId AS uuid) IS NULL OR ${c}.id = CAST(:contractId AS uuid))`;

export interface InstitutionScope {
  institutionId: string;
  contractId?: string;
}
export const bindings = (scope: InstitutionScope) => ({
  institutionId: scope.institutionId,
  contractId: scope.contractId ?? null,
});

/**
 * The institution's contracts that still wait on a party: drafts to sign, contracts in force (one
 * read of contracts, both sides' indexes OR-ed, rather than ids first and the rows again by key).
 */
export async function openContractsOfInstitution(db: DbOrTx, scope: InstitutionScope): Promise<TaskContract[]> {
  const { rows } = await db.raw(
    `SELECT ${contractColumns}
       FROM ${CONTRACTS_TABLE} c
       JOIN institutions m ON m.id = c.medical_institution_id
       JOIN institutions k ON k.id = c.care_institution_id
      WHERE (c.medical_institution_id = :institutionId OR c.care_institution_id = :institutionId)
        AND c.status IN ('draft', 'active', 'rectifying')
        AND (CAST(:contractId AS uuid) IS NULL OR c.id = CAST(:contractId AS uuid))`,
    bindings(scope),
  );
  const policyOf = policiesOf(rows);
  return rows.map((r: Record<string, any>) => mapContract(r, policyOf));
}

export interface PeriodQuery {
  contractId: string;
  obligation: ArrangedObligation;
  start: string;
  end: string;
}

/** Facts recorded in each period (the count the workflow closes the period on) and the misses before it. */
export async function periodRecords(
  db: DbOrTx,
  periods: PeriodQuery[],
): Promise<{ actual: number; consecutiveMissesBefore: number }[]> {
  if (periods.length === 0) return [];
  // The misses before each period: the latest closed one, one probe of obligation_periods_latest_index
  // each (a grouped read of every closed period of the contracts hashed all of the table: 66 ms at 72,000 rows).
  const { rows } = await db.raw(
    `SELECT p.i,
            CASE p.o
              WHEN 'visit' THEN (SELECT count(*) FROM visits f
                                  WHERE f.contract_id = p.c AND f.visit_date BETWEEN p.s AND p.e)
              WHEN 'meeting' THEN (SELECT count(*) FROM meetings f WHERE f.contract_id = p.c
                                      AND f.cadence = 'quarterly' AND f.meeting_date BETWEEN p.s AND p.e)
              WHEN 'monthly-meeting' THEN (SELECT count(*) FROM meetings f
                                            WHERE f.contract_id = p.c AND f.meeting_date BETWEEN p.s AND p.e)
              WHEN 'reexam' THEN (SELECT coalesce(sum(f.chronic_reexams), 0) FROM visits f
                                   WHERE f.contract_id = p.c AND f.visit_date BETWEEN p.s AND p.e)
              WHEN 'health-talk' THEN (SELECT count(*) FROM health_talks f
                                        WHERE f.contract_id = p.c AND f.talk_date BETWEEN p.s AND p.e)
              ELSE (SELECT count(*) FROM surveys f WHERE f.contract_id = p.c AND f.survey_date BETWEEN p.s AND p.e)
            END AS actual,
            COALESCE(m.consecutive_misses, 0) AS misses
       FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS date[]))
            WITH ORDINALITY AS p(c, o, s, e, i)
       LEFT JOIN LATERAL (SELECT op.consecutive_misses FROM obligation_periods op
                           WHERE op.contract_id = p.c AND op.obligation = p.o AND op.end_date < p.s
                           ORDER BY op.end_date DESC LIMIT 1) m ON true
      ORDER BY p.i`,
    [
      pgArray(periods.map((p) => p.contractId)),
      pgArray(periods.map((p) => p.obligation)),
      pgArray(periods.map((p) => p.start)),
      pgArray(periods.map((p) => p.end)),
    ],
  );
  return rows.map((r: any) => ({ actual: Number(r.actual), consecutiveMissesBefore: Number(r.misses) }));
}

export interface OpenRequestRow {
  id: string;
  contractId: string;
  fromSide: Side;
  subject: string;
  answerDueDate: string;
}

/** Unanswered requests of the institution's contracts in force (the workflow tracks them while in force). */
export async function openRequestsOf(db: DbOrTx, scope: InstitutionScope): Promise<OpenRequestRow[]> {
  const { rows } = await db.raw(
    `SELECT x.id, x.contract_id, x.from_side, x.subject, x.answer_due_date
       FROM ${CONTRACTS_TABLE} c JOIN requests x ON x.contract_id = c.id AND x.answered_at IS NULL
      WHERE ${inForceOf('c')}`,
    bindings(scope),
  );
  return rows.map((r: any) => ({
    id: r.id,
    contractId: r.contract_id,
    fromSide: r.from_side,
    subject: r.subject,
    answerDueDate: r.answer_due_date,
  }));
}

export interface OpenActionItemRow {
  id: string;
  contractId: string;
  ownerSide: Side | 'both';
  description: string;
  dueDate: string;
}

export async function openActionItemsOf(db: DbOrTx, scope: InstitutionScope): Promise<OpenActionItemRow[]> {
  const { rows } = await db.raw(
    `SELECT x.id, x.contract_id, x.owner_side, x.description, x.due_date
       FROM ${CONTRACTS_TABLE} c JOIN action_items x ON x.contract_id = c.id AND x.completed_at IS NULL
      WHERE ${inForceOf('c')}`,
    bindings(scope),
  );
  return rows.map((r: any) => ({
    id: r.id,
    contractId: r.contract_id,
    ownerSide: r.owner_side,
    description: r.description,
    dueDate: r.due_date,
  }));
}

export interface AssignedEvaluationRow {
  id: string;
  contract: TaskContract;
  deadline: string;
  kind: string;
  reminderDaysBefore?: number[];
}

/** Evaluations assigned to the organization and not yet scored, with their contract and cycle policy. */
export async function assignedEvaluationsOf(
  db: DbOrTx,
  organizationId: string,
  contractId?: string,
): Promise<AssignedEvaluationRow[]> {
  const { rows } = await db.raw(
    `SELECT e.id AS evaluation_id, e.deadline, e.kind,
            ec.policy -> 'evaluation' -> 'reminderDaysBefore' AS cycle_reminders, ${contractColumns}
       FROM evaluations e
       JOIN ${CONTRACTS_TABLE} c ON c.id = e.contract_id
       JOIN institutions m ON m.id = c.medical_institution_id
       JOIN institutions k ON k.id = c.care_institution_id
       LEFT JOIN evaluation_cycles ec ON ec.id = e.cycle_id
      WHERE e.evaluator_organization_id = :organizationId AND e.status = 'assigned'
        AND (CAST(:contractId AS uuid) IS NULL OR c.id = CAST(:contractId AS uuid))`,
    { organizationId, contractId: contractId ?? null },
  );
  const policyOf = policiesOf(rows);
  return rows.map((r: any) => ({
    id: r.evaluation_id,
    contract: mapContract(r, policyOf),
    deadline: r.deadline,
    kind: r.kind,
    reminderDaysBefore: r.cycle_reminders ?? undefined,
  }));
}

export interface OpenOrderRow {
  id: string;
  contract: TaskContract;
  status: string;
  deadline: string;
  extensions: number;
  representationsDeadline?: string;
  /** Institutions that filed representations or declared none on the order's notice (issue 12). */
  heardInstitutionIds: string[];
  waivedInstitutionIds: string[];
  policy: Policy;
  /** Orders with itemized findings (issue 12): each finding's side and state, and the plans' deadline. */
  itemized: boolean;
  planDeadline?: string;
  findings: { id: string; responsibleSide: 'medical' | 'care' | 'both'; state: string }[];
}

/**
 * Rectification orders in the given steps: of an institution's contracts in force (the parties),
 * or of regions (regulators; undefined: every region, for an admin).
 */
export async function openOrdersWhere(
  db: DbOrTx,
  where: { institution: InstitutionScope } | { regionCodes?: string[]; contractId?: string },
  statuses: readonly string[],
): Promise<OpenOrderRow[]> {
  const byInstitution = 'institution' in where;
  if (!byInstitution && where.regionCodes?.length === 0) return [];
  const { rows } = await db.raw(
    `SELECT o.id AS order_id, o.status AS order_status, o.deadline, o.extensions, o.representations_deadline,
            o.policy AS order_policy, o.plan_deadline, (o.findings -> 0 -> 'responsibleSide') IS NOT NULL AS itemized,
            (SELECT COALESCE(json_agg(json_build_object('id', f.finding_id, 'responsibleSide', f.responsible_side,
                                                        'state', f.state) ORDER BY f.finding_id), '[]')
               FROM rectification_findings f WHERE f.rectification_id = o.id) AS finding_states,
            ${contractColumns},
            ARRAY(SELECT DISTINCT r.institution_id::text FROM representations r WHERE r.rectification_id = o.id)
              AS heard_institution_ids,
            ARRAY(SELECT DISTINCT r.institution_id::text FROM representations r
                   WHERE r.rectification_id = o.id AND r.kind = 'waived') AS waived_institution_ids
       FROM rectification_orders o
       JOIN ${CONTRACTS_TABLE} c ON c.id = o.contract_id
       JOIN institutions m ON m.id = c.medical_institution_id
       JOIN institutions k ON k.id = c.care_institution_id
      WHERE o.status = ANY(CAST(:statuses AS text[]))
        AND ${
          byInstitution
            ? `o.contract_id IN (${inForce})`
            : `(CAST(:regionCodes AS text[]) IS NULL OR o.region_code = ANY(CAST(:regionCodes AS text[])))
               AND (CAST(:contractId AS uuid) IS NULL OR o.contract_id = CAST(:contractId AS uuid))`
        }`,
    {
      statuses: pgArray([...statuses]),
      ...(byInstitution
        ? bindings(where.institution)
        : {
            regionCodes: where.regionCodes ? pgArray(where.regionCodes) : null,
            contractId: where.contractId ?? null,
          }),
    },
  );
  const policyOf = policiesOf(rows);
  return rows.map((r: any) => ({
    id: r.order_id,
    contract: mapContract(r, policyOf),
    status: r.order_status,
    deadline: r.deadline,
    extensions: r.extensions,
    representationsDeadline: r.representations_deadline ?? undefined,
    heardInstitutionIds: r.heard_institution_ids ?? [],
    waivedInstitutionIds: r.waived_institution_ids ?? [],
    policy: r.order_policy,
    itemized: r.itemized,
    planDeadline: r.plan_deadline ?? undefined,
    findings: r.finding_states,
  }));
}
