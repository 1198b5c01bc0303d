import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDateOf } from '../../../domain/calendar';
import { processSearchAttributes } from '../../../domain/search-attributes';
import { consistencyFlags } from '../../../domain/grading';
import { defaultPolicy } from '../../../domain/policy';
import {
  cycleProgress,
  EvaluationCycle,
  gradedScoresByOrganization,
  insertCycle,
  listCycles,
  listOverdueCycleEvaluations,
} from '../../../stores/evaluation-store';
import { listOrganizations } from '../../../stores/evaluator-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import { cycleInput, evaluationCycleWorkflowId } from '../../../messages/evaluation-messages';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { decodeCursor, pageFrom } from '../../pagination';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';

export function createCycleService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = (user: User, id: string): Promise<EvaluationCycle> => visibility.cycle(user, id);

  /** The cycle with its live progress; when closed, its grade distribution and report. */
  async function view(cycle: EvaluationCycle) {
    const progress = await cycleProgress(deps.db, cycle.id);
    return {
      id: cycle.id,
      workflowId: evaluationCycleWorkflowId(cycle.id),
      regionCode: cycle.regionCode,
      half: cycle.half,
      deadline: cycle.deadline,
      status: cycle.status,
      createdAt: cycle.createdAt,
      fanOutCompletedAt: cycle.fanOutCompletedAt,
      closedAt: cycle.closedAt,
      progress: {
        inScope: cycle.contractsInScope ?? progress.inScope,
        assigned: progress.assigned,
        scored: progress.graded,
        graded: progress.graded,
        overdue: progress.overdue,
        byOrganization: progress.byOrganization,
      },
      ...(cycle.status === 'closed' ? { gradeDistribution: progress.grades, report: cycle.report } : {}),
    };
  }

  /** Launching the same half again answers the existing cycle (created: false) and starts nothing. */
  async function launch(user: User, input: { regionCode: string; half: string; deadline?: string }) {
    const region = await findRegion(deps.db, input.regionCode);
    if (!region) throw new ProblemError('unknown-reference', `regionCode: no region ${input.regionCode}`);
    assertRegulates(user, input.regionCode);
    const policy = effectivePolicy(region);
    const deadline = input.deadline ?? addDays(shanghaiDateOf(Date.now()), policy.evaluation.deadlineDays);
    const { cycle, created } = await deps.db.transaction(async (tx) => {
      const result = await insertCycle(tx, {
        id: randomUUID(),
        regionCode: input.regionCode,
        half: input.half,
        deadline,
        launchedBy: user.id,
        policy,
      });
      if (result.created) {
        await deps.temporal.workflow.start('evaluationCycleWorkflow', {
          workflowId: evaluationCycleWorkflowId(result.cycle.id),
          taskQueue: deps.taskQueue,
          args: [cycleInput(result.cycle)],
          typedSearchAttributes: processSearchAttributes({
            kind: 'evaluation-cycle',
            status: 'running',
            regionCode: input.regionCode,
          }),
        });
      }
      return result;
    });
    return { cycle: await view(cycle), created };
  }

  async function listOfRegion(user: User, regionCode: string) {
    await visibility.region(user, regionCode);
    assertRegulates(user, regionCode);
    return Promise.all((await listCycles(deps.db, regionCode)).map(view));
  }

  /**
   * The cycle's report so far: its grade distribution and each evaluator organization's mean against
   * the region's, flagged by the rule of the policy the cycle was launched under.
   */
  async function report(cycle: EvaluationCycle) {
    const evaluationPolicy = { ...defaultPolicy.evaluation, ...(cycle.policy?.evaluation ?? {}) };
    const { consistencyMaxDeviation: maxDeviation, consistencyMinScores: minScores } = evaluationPolicy;
    const [progress, scores, organizations] = await Promise.all([
      cycleProgress(deps.db, cycle.id),
      gradedScoresByOrganization(deps.db, cycle.id),
      listOrganizations(deps.db, cycle.regionCode),
    ]);
    const names = new Map(organizations.map((o) => [o.id, o.name]));
    const counts = new Map(scores.map((o) => [o.organizationId, o.scores.length]));
    return {
      cycleId: cycle.id,
      status: cycle.status,
      graded: progress.graded,
      distribution: {
        excellent: progress.grades.excellent ?? 0,
        qualified: progress.grades.qualified ?? 0,
        unqualified: progress.grades.unqualified ?? 0,
      },
      consistency: {
        maxDeviation,
        minScores,
        organizations: consistencyFlags(scores, maxDeviation, minScores).map((flag) => ({
          ...flag,
          organizationName: names.get(flag.organizationId) ?? flag.organizationId,
          graded: counts.get(flag.organizationId) ?? 0,
        })),
      },
    };
  }

  async function overdue(cycle: EvaluationCycle, query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor);
    const rows = await listOverdueCycleEvaluations(deps.db, cycle.id, shanghaiDateOf(Date.now()), {
      limit: query.limit,
      after,
    });
    const page = pageFrom(
      { items: rows.items.map((r) => ({ ...r, name: r.deadline })), total: rows.total },
      query.limit,
    );
    return { ...page, items: page.items.map(({ name: _name, ...r }) => r) };
  }

  return { launch, visible, view, listOfRegion, report, overdue };
}
