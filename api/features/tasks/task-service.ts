import { inForceStatuses } from '../../../domain/contract';
import { calendarMemo, compareTasks, type TaskKind, type TaskState } from '../../../domain/work-queue';
import {
  assignedEvaluationsOf,
  openActionItemsOf,
  openContractsOfInstitution,
  openOrdersWhere,
  openRequestsOf,
  periodRecords,
  type TaskContract,
} from '../../../stores/task-store';
import { openProposalsOf, pendingApprovalsWhere } from '../../../stores/process-task-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import {
  awaitingEvidence,
  type Ctx,
  decisionTasks,
  evaluationTasks,
  evidenceTasks,
  itemTasks,
  obligationTasks,
  owedPeriods,
  signatureTasks,
  type WorkTask,
} from './task-builders';
import { findingReviewTasks, partyFindingTasks } from './finding-task-builders';
import { approvalTasks, countersignTasks } from './process-task-builders';
import { representationTasks } from './representation-tasks';

export interface TaskFilter {
  kinds?: TaskKind[];
  states?: TaskState[];
  contractId?: string;
}

const decisionStatuses = ['evidence-under-review', 'notice-of-revocation', ...awaitingEvidence];

/**
 * The caller's work queue, read from the records the workflows keep in PostgreSQL. Liaison
 * officers and parties: their institution's side of each contract. Evaluators: their
 * organization's assigned evaluations. Regulators: the decisions on rectification orders and on
 * contracts pending approval in their regions. An admin, who is nobody's party, sees those decisions in every region.
 */
export function createTaskService(deps: ApiDeps) {
  const now = () => deps.clock?.() ?? Date.now();

  async function partyTasks(ctx: Ctx, institutionId: string, contractId?: string): Promise<WorkTask[]> {
    const scope = { institutionId, contractId };
    // Side by side on separate connections; only the period counts wait for the contracts.
    const [contracts, requests, actionItems, orders, proposals] = await Promise.all([
      openContractsOfInstitution(deps.db, scope),
      ctx.wants('request-answer') ? openRequestsOf(deps.db, scope) : [],
      ctx.wants('action-item') ? openActionItemsOf(deps.db, scope) : [],
      ['evidence', 'plan-of-correction', 'finding-evidence', 'representations'].some((k) => ctx.wants(k as TaskKind))
        ? openOrdersWhere(deps.db, { institution: scope }, [...awaitingEvidence, 'notice-of-revocation'])
        : [],
      ctx.wants('renewal-countersign') ? openProposalsOf(deps.db, scope) : [],
    ]);
    const inForce = contracts.filter((c) => (inForceStatuses as readonly string[]).includes(c.status));
    const byId = new Map<string, TaskContract>(inForce.map((c) => [c.id, c]));
    const periods = owedPeriods(ctx, inForce);
    const awaiting = orders.filter((o) => (awaitingEvidence as readonly string[]).includes(o.status));
    const records = await periodRecords(deps.db, periods);
    return [
      ...signatureTasks(ctx, contracts, institutionId),
      ...obligationTasks(ctx, periods, records, institutionId),
      ...itemTasks(ctx, byId, institutionId, requests, actionItems),
      ...evidenceTasks(ctx, awaiting, institutionId),
      ...partyFindingTasks(ctx, awaiting, institutionId),
      ...countersignTasks(ctx, proposals, institutionId),
      ...representationTasks(ctx, orders, institutionId),
    ];
  }

  async function tasksOf(user: User, filter: TaskFilter): Promise<WorkTask[]> {
    const kinds = filter.kinds?.length ? new Set(filter.kinds) : undefined;
    const ctx: Ctx = { nowMs: now(), wants: (kind) => !kinds || kinds.has(kind), cal: calendarMemo() };
    switch (user.role) {
      case 'liaison':
      case 'party':
        return partyTasks(ctx, user.institutionId!, filter.contractId);
      case 'evaluator':
        if (!ctx.wants('evaluation-score')) return [];
        return evaluationTasks(
          ctx,
          await assignedEvaluationsOf(deps.db, user.evaluatorOrganizationId!, filter.contractId),
        );
      case 'regulator':
      case 'admin': {
        const regionCodes = user.role === 'admin' ? undefined : user.regionCodes;
        const where = { regionCodes, contractId: filter.contractId };
        const [orders, approvals] = await Promise.all([
          openOrdersWhere(deps.db, where, decisionStatuses),
          ctx.wants('approval-decision') ? pendingApprovalsWhere(deps.db, where) : [],
        ]);
        return [...decisionTasks(ctx, orders), ...findingReviewTasks(ctx, orders), ...approvalTasks(ctx, approvals)];
      }
    }
  }

  async function list(user: User, query: TaskFilter & { page: number; pageSize: number }) {
    const states = query.states?.length ? new Set(query.states) : undefined;
    const tasks = (await tasksOf(user, query)).filter((t) => !states || states.has(t.state)).sort(compareTasks);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: tasks.slice(start, start + query.pageSize).map((t) => t.item()),
      total: tasks.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { list };
}
