import { contractClock } from '../domain/clock';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { shanghaiDateOf } from '../domain/calendar';
import { evaluationDeadline } from '../domain/evaluation';
import { policyToday } from '../domain/obligations';
import { consistencyFlags, gradeConsequences, type Grade } from '../domain/grading';
import type { Policy } from '../domain/policy';
import { rectificationDeadline } from '../domain/rectification';
import type { Db } from '../platform/db';
import { appendAudit, userActor } from '../stores/audit-store';
import { findContract, recordGradeOnContract } from '../stores/contract-store';
import { conflictedOrganizationIds, listOrganizations } from '../stores/evaluator-store';
import {
  cycleProgress,
  findCycle,
  findEvaluation,
  gradedScoresByOrganization,
  insertCycle,
  insertEvaluations,
  listCycleEvaluations,
  loadByOrganization,
  markGraded,
  markOverdue,
  updateCycle,
} from '../stores/evaluation-store';
import { evidenceFor } from '../stores/obligation-store';
import { listActiveContractPage } from '../stores/contract-store';
import { findingsText, numberFindings } from '../domain/rectification-findings';
import { insertRectificationOrder, storedFindings } from '../stores/rectification-store';
import { effectivePolicy, findRegion } from '../stores/region-store';
import { cycleInput, type EvaluationCycleInput, type ScoresInput } from '../messages/evaluation-messages';
import type { EvaluationNotifier } from './evaluation-notify';
import { missingRow } from './missing-row';

export function createEvaluationActivities(deps: { db: Db; notifier: EvaluationNotifier }) {
  const { db } = deps;
  // The full snapshot a grade is given under: the cycle's, or for a re-evaluation the contract's.
  const gradingPolicy = async (evaluation: { cycleId?: string }, contract: { policy: Policy }): Promise<Policy> =>
    evaluation.cycleId ? (await findCycle(db, evaluation.cycleId))!.policy : contract.policy;

  return {
    /** Creates a region's cycle for a half-year, or finds the existing one (then nothing new starts). */
    async createEvaluationCycle(input: {
      regionCode: string;
      half: string;
      launchedBy: string | null;
      deadline?: string;
      nowMs?: number;
    }): Promise<{ created: boolean; input: EvaluationCycleInput }> {
      const region = await findRegion(db, input.regionCode);
      if (!region) throw ApplicationFailure.nonRetryable(`no region ${input.regionCode}`, 'UnknownRegion');
      const policy = effectivePolicy(region);
      const now = input.nowMs ?? Date.now();
      const deadline = input.deadline ?? evaluationDeadline(shanghaiDateOf(now), policy);
      const { cycle, created } = await insertCycle(db, {
        id: randomUUID(),
        regionCode: input.regionCode,
        half: input.half,
        deadline,
        launchedBy: input.launchedBy,
        policy,
      });
      return { created, input: cycleInput(cycle) };
    },

    /**
     * One page of the fan-out: the next active contracts, each assigned to the least-loaded
     * organization of the region it has no conflict with, with its obligation record as evidence.
     * Idempotent: a retried page finds its evaluations and returns the same assignments.
     */
    async prepareEvaluationPage(input: { cycleId: string; afterContractId: string | null; limit: number }) {
      const cycle = await findCycle(db, input.cycleId);
      if (!cycle) throw missingRow(`no cycle ${input.cycleId}`, 'UnknownCycle');
      // One more than a page tells whether another page follows, so the fan-out never ends on an empty run.
      const peek = await listActiveContractPage(db, cycle.regionCode, input.afterContractId, input.limit + 1);
      const contracts = peek.slice(0, input.limit);
      const existing = new Set(
        (
          await listCycleEvaluations(
            db,
            cycle.id,
            contracts.map((c) => c.id),
          )
        ).map((e) => e.contractId),
      );
      const fresh = contracts.filter((c) => !existing.has(c.id));
      const organizations = (await listOrganizations(db, cycle.regionCode)).map((o) => o.id).sort();
      const conflicts = await conflictedOrganizationIds(
        db,
        fresh.flatMap((c) => [c.medicalInstitutionId, c.careInstitutionId]),
      );
      const load = await loadByOrganization(db, cycle.id);
      const evidence = await evidenceFor(
        db,
        fresh.map((c) => c.id),
      );
      const rows: Parameters<typeof insertEvaluations>[1] = [];
      const unassignable: string[] = [];
      const candidatesOf = (c: (typeof fresh)[number]) => {
        const excluded = new Set([
          ...(conflicts.get(c.medicalInstitutionId) ?? []),
          ...(conflicts.get(c.careInstitutionId) ?? []),
        ]);
        return organizations.filter((o) => !excluded.has(o));
      };
      // The most constrained contracts choose first, so conflicts do not unbalance the load.
      const byChoice = fresh
        .map((c) => ({ c, candidates: candidatesOf(c) }))
        .sort((a, b) => a.candidates.length - b.candidates.length || a.c.id.localeCompare(b.c.id));
      for (const { c, candidates } of byChoice) {
        if (candidates.length === 0) {
          unassignable.push(c.id);
          continue;
        }
        const organizationId = candidates.reduce((best, o) => ((load.get(o) ?? 0) < (load.get(best) ?? 0) ? o : best));
        load.set(organizationId, (load.get(organizationId) ?? 0) + 1);
        rows.push({
          id: randomUUID(),
          cycleId: cycle.id,
          contractId: c.id,
          kind: 'regular' as const,
          organizationId,
          deadline: cycle.deadline,
          evidence: evidence.get(c.id) ?? {},
        });
      }
      await db.transaction(async (tx) => {
        await insertEvaluations(tx, rows);
        if (unassignable.length) {
          const report = {
            ...(cycle.report ?? {}),
            unassignable: [...new Set([...((cycle.report?.unassignable as string[]) ?? []), ...unassignable])],
          };
          await updateCycle(tx, cycle.id, { report: JSON.stringify(report) });
        }
      });
      const evaluations = (
        await listCycleEvaluations(
          db,
          cycle.id,
          contracts.map((c) => c.id),
        )
      ).map((e) => ({ evaluationId: e.id, contractId: e.contractId, organizationId: e.organizationId }));
      return { evaluations, nextCursor: peek.length > input.limit ? contracts[contracts.length - 1]!.id : null };
    },

    async finishCycleFanOut(input: { cycleId: string }): Promise<void> {
      const progress = await cycleProgress(db, input.cycleId);
      await updateCycle(db, input.cycleId, { fanout_completed_at: db.fn.now(), contracts_in_scope: progress.inScope });
      for (const org of progress.byOrganization) {
        await deps.notifier.toOrganization({
          organizationId: org.organizationId,
          cycleId: input.cycleId,
          notice: 'evaluation-assigned',
          eventKey: `cycle:${input.cycleId}:assigned`,
          count: org.assigned,
        });
      }
    },

    async cycleProgress(input: { cycleId: string }): Promise<{ inScope: number; graded: number }> {
      const progress = await cycleProgress(db, input.cycleId);
      return { inScope: progress.inScope, graded: progress.graded };
    },

    /** Grade distribution and evaluator consistency (organizations far from the region's mean are flagged). */
    async closeCycle(input: { cycleId: string }): Promise<void> {
      const cycle = (await findCycle(db, input.cycleId))!;
      const policy = cycle.policy as Policy;
      const progress = await cycleProgress(db, input.cycleId);
      const consistency = consistencyFlags(
        await gradedScoresByOrganization(db, input.cycleId),
        policy.evaluation.consistencyMaxDeviation,
        policy.evaluation.consistencyMinScores,
      );
      const report = { ...(cycle.report ?? {}), distribution: progress.grades, overdue: progress.overdue, consistency };
      await db.transaction(async (tx) => {
        await updateCycle(tx, input.cycleId, {
          status: 'closed',
          closed_at: tx.fn.now(),
          report: JSON.stringify(report),
        });
        await appendAudit(tx, {
          actor: 'system:evaluation-cycle',
          action: 'evaluation-cycle.closed',
          entityType: 'evaluation-cycle',
          entityId: input.cycleId,
          details: report,
          idempotencyKey: `cycle:${input.cycleId}:closed`,
        });
      });
      await deps.notifier.toRegulators({
        regionCode: cycle.regionCode,
        cycleId: input.cycleId,
        notice: 'evaluation-cycle-closed',
        eventKey: `cycle:${input.cycleId}:closed`,
        summary: report,
      });
    },

    async notifyEvaluators(input: {
      evaluationId: string;
      notice: 'evaluation-reminder' | 'evaluation-assigned';
      eventKey: string;
    }): Promise<void> {
      const evaluation = (await findEvaluation(db, input.evaluationId))!;
      if (evaluation.status === 'graded') return;
      await deps.notifier.toOrganization({
        organizationId: evaluation.organizationId,
        evaluationId: evaluation.id,
        notice: input.notice,
        eventKey: input.eventKey,
        deadline: evaluation.deadline,
        count: 1,
      });
    },

    async markEvaluationOverdue(input: { evaluationId: string }): Promise<void> {
      const evaluation = (await findEvaluation(db, input.evaluationId))!;
      const contract = (await findContract(db, evaluation.contractId))!;
      await db.transaction(async (tx) => {
        await markOverdue(tx, evaluation.id);
        await appendAudit(tx, {
          actor: 'system:evaluation',
          action: 'evaluation.overdue',
          entityType: 'evaluation',
          entityId: evaluation.id,
          details: { deadline: evaluation.deadline, organizationId: evaluation.organizationId },
          idempotencyKey: `evaluation:${evaluation.id}:overdue`,
        });
      });
      await deps.notifier.toRegulators({
        regionCode: contract.regionCode,
        evaluationId: evaluation.id,
        notice: 'evaluation-overdue',
        eventKey: `evaluation:${evaluation.id}:overdue`,
        deadline: evaluation.deadline,
        organizationId: evaluation.organizationId,
      });
    },

    /**
     * Records scores and grade with the policy version used, and the grade's consequences on the
     * contract (domain/grading.ts gradeConsequences): subsidy factor, model priority, a rectification order.
     */
    async recordEvaluationGrade(input: {
      evaluationId: string;
      contractId: string;
      scores: ScoresInput;
      userId: string;
      weightedScore: number;
      grade: Grade;
      policyVersion: number;
      at: string;
    }): Promise<{ rectificationId?: string }> {
      const contract = (await findContract(db, input.contractId))!;
      const evaluation = (await findEvaluation(db, input.evaluationId))!;
      const policy = await gradingPolicy(evaluation, contract);
      const consequences = gradeConsequences(input.grade, evaluation.kind, policy);
      return db.transaction(async (tx) => {
        await markGraded(tx, input.evaluationId, {
          scores: input.scores,
          onsiteDate: input.scores.onsiteDate,
          findings: findingsText(input.scores.findings),
          weightedScore: input.weightedScore,
          grade: input.grade,
          policyVersion: policy.version,
          userId: input.userId,
          at: input.at,
        });
        await recordGradeOnContract(tx, input.contractId, {
          evaluationId: input.evaluationId,
          grade: input.grade,
          subsidyFactorBp: consequences.subsidyFactorBp,
          modelPriority: consequences.modelPriority,
        });
        await appendAudit(tx, {
          actorUserId: input.userId,
          actor: userActor(input.userId),
          action: 'evaluation.graded',
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            evaluationId: input.evaluationId,
            grade: input.grade,
            weightedScore: input.weightedScore,
            policyVersion: policy.version,
          },
          idempotencyKey: `evaluation:${input.evaluationId}:graded`,
        });
        if (!consequences.rectificationOrder) return {};
        const issuedOn = policyToday(contractClock(contract), Date.parse(input.at));
        const rectificationId = await insertRectificationOrder(tx, {
          contractId: input.contractId,
          evaluationId: input.evaluationId,
          regionCode: contract.regionCode,
          findings:
            typeof input.scores.findings === 'string'
              ? [
                  {
                    id: 'F1',
                    finding: input.scores.findings,
                    requiredCorrection: 'Correct every shortcoming the evaluation found, with evidence for each.',
                  },
                ]
              : storedFindings(numberFindings(input.scores.findings)),
          issuedOn,
          deadline: rectificationDeadline(issuedOn, policy),
          policy,
        });
        await appendAudit(tx, {
          actor: 'system:evaluation',
          action: 'rectification.ordered',
          entityType: 'contract',
          entityId: input.contractId,
          details: { rectificationId, evaluationId: input.evaluationId },
          idempotencyKey: `evaluation:${input.evaluationId}:rectification`,
        });
        return { rectificationId };
      });
    },

    async notifyEvaluationParties(input: { evaluationId: string; eventKey: string }): Promise<void> {
      const evaluation = (await findEvaluation(db, input.evaluationId))!;
      const policy = await gradingPolicy(evaluation, (await findContract(db, evaluation.contractId))!);
      const consequences = evaluation.grade
        ? gradeConsequences(evaluation.grade as Grade, evaluation.kind, policy)
        : undefined;
      await deps.notifier.toContractParties({
        contractId: evaluation.contractId,
        evaluationId: evaluation.id,
        notice: 'evaluation-graded',
        eventKey: input.eventKey,
        grade: evaluation.grade,
        weightedScore: evaluation.weightedScore,
        consequences,
      });
    },

    async notifyRectification(input: {
      rectificationId: string;
      notice: 'rectification-ordered';
      eventKey: string;
    }): Promise<void> {
      await deps.notifier.aboutRectification(input);
    },
  };
}
