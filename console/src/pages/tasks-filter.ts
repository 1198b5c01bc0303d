import type { components } from '../api/openapi';

export type TaskKind = components['schemas']['Task']['kind'];
export type TaskStateName = components['schemas']['Task']['state'];

/*
 * Every kind and state the API names, in the order the page offers them. `satisfies Record<…>`
 * fails the typecheck when the API adds or drops one, so this list cannot drift from domain/work-queue.ts.
 */
const kindsOffered = {
  signature: true,
  visit: true,
  meeting: true,
  survey: true,
  'monthly-meeting': true,
  reexam: true,
  'health-talk': true,
  'request-answer': true,
  'action-item': true,
  'evaluation-score': true,
  evidence: true,
  'evidence-review': true,
  'plan-of-correction': true,
  'finding-evidence': true,
  'finding-review': true,
  'extension-decision': true,
  'revocation-decision': true,
  'approval-decision': true,
  'renewal-countersign': true,
  representations: true,
} satisfies Record<TaskKind, true>;
const statesOffered = { overdue: true, 'due-soon': true, upcoming: true } satisfies Record<TaskStateName, true>;
export const taskKinds = Object.keys(kindsOffered) as TaskKind[];
export const taskStates = Object.keys(statesOffered) as TaskStateName[];

/** One or more kinds and states (a saved filter may hold several; the page's selects choose one). */
export interface TaskFilter {
  kinds: TaskKind[];
  states: TaskStateName[];
  contractId?: string;
}

const listOf = <T extends string>(values: readonly T[], raw: readonly string[] | string | null | undefined): T[] => {
  const items = typeof raw === 'string' ? raw.split(',') : (raw ?? []);
  return values.filter((v) => items.includes(v));
};

/** The filter lives in the address, so a filtered list can be bookmarked and its link shared. */
export function filterFromSearch(params: URLSearchParams): TaskFilter {
  const contractId = params.get('contractId');
  return {
    kinds: listOf(taskKinds, params.get('kind')),
    states: listOf(taskStates, params.get('state')),
    ...(contractId ? { contractId } : {}),
  };
}

export function searchFromFilter(filter: TaskFilter, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.kinds.length) params.set('kind', filter.kinds.join(','));
  if (filter.states.length) params.set('state', filter.states.join(','));
  if (filter.contractId) params.set('contractId', filter.contractId);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** GET /me/tasks takes lists comma-separated. */
export function queryFromFilter(filter: TaskFilter) {
  return {
    ...(filter.kinds.length ? { kind: filter.kinds.join(',') } : {}),
    ...(filter.states.length ? { state: filter.states.join(',') } : {}),
    ...(filter.contractId ? { contractId: filter.contractId } : {}),
  };
}

export function fromSaved(saved: { kinds?: readonly string[]; states?: readonly string[]; contractId?: string }) {
  return {
    kinds: listOf(taskKinds, saved.kinds),
    states: listOf(taskStates, saved.states),
    ...(saved.contractId ? { contractId: saved.contractId } : {}),
  };
}

export function toSaved(filter: TaskFilter) {
  return {
    ...(filter.kinds.length ? { kinds: filter.kinds } : {}),
    ...(filter.states.length ? { states: filter.states } : {}),
    ...(filter.contractId ? { contractId: filter.contractId } : {}),
  };
}
