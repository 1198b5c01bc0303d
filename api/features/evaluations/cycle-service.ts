import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDateOf } from '../../../domain/calendar';
import { processSearchAttributes } from '../../../domain/search-attributes';
import { cycleProgress, EvaluationCycle, insertCycle, listCycles } from '../../../stores/evaluation-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import { cycleInput, evaluationCycleWorkflowId } from '../../../messages/evaluation-messages';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
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

  return { launch, visible, view, listOfRegion };
}
