export const taskKinds = [
  'signature',
  'visit',
  'meeting',
  'survey',
  'request-answer',
  'action-item',
  'evaluation-score',
  'evidence',
  'evidence-review',
  'extension-decision',
  'revocation-decision',
] as const;
export const taskStates = ['overdue', 'due-soon', 'upcoming'] as const;
export type TaskKind = (typeof taskKinds)[number];
export type TaskStateName = (typeof taskStates)[number];

export interface TaskFilter {
  kind?: TaskKind;
  state?: TaskStateName;
  contractId?: string;
}

const isKind = (v: string | null): v is TaskKind => taskKinds.includes(v as TaskKind);
const isState = (v: string | null): v is TaskStateName => taskStates.includes(v as TaskStateName);

/** The filter lives in the address, so a filtered list can be bookmarked and its link shared. */
export function filterFromSearch(params: URLSearchParams): TaskFilter {
  const kind = params.get('kind');
  const state = params.get('state');
  const contractId = params.get('contractId');
  return {
    ...(isKind(kind) ? { kind } : {}),
    ...(isState(state) ? { state } : {}),
    ...(contractId ? { contractId } : {}),
  };
}

export function searchFromFilter(filter: TaskFilter, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.state) params.set('state', filter.state);
  if (filter.contractId) params.set('contractId', filter.contractId);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** Saved filters hold lists (the API's shape); the page filters by one kind and one state at a time. */
export function fromSaved(saved: { kinds?: string[]; states?: string[]; contractId?: string }): TaskFilter {
  const kind = saved.kinds?.[0] ?? null;
  const state = saved.states?.[0] ?? null;
  return {
    ...(isKind(kind) ? { kind } : {}),
    ...(isState(state) ? { state } : {}),
    ...(saved.contractId ? { contractId: saved.contractId } : {}),
  };
}

export function toSaved(filter: TaskFilter) {
  return {
    ...(filter.kind ? { kinds: [filter.kind] } : {}),
    ...(filter.state ? { states: [filter.state] } : {}),
    ...(filter.contractId ? { contractId: filter.contractId } : {}),
  };
}
