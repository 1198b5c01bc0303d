import { roles } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { createTaskFilterService } from './task-filter-service';
import { CreateTaskFilterSchema, SavedTaskFilterSchema, TaskPageSchema, TaskQuery } from './task-schemas';
import { createTaskService } from './task-service';

export function registerTaskRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const tasks = createTaskService(deps);
  const filters = createTaskFilterService(deps);

  route({
    method: 'get',
    path: '/me/tasks',
    summary:
      'The work queue: every open step the workflows wait on for the caller, with its due date, state ' +
      'and what happens if it is missed; overdue first, then least time left',
    tag: 'tasks',
    roles,
    query: TaskQuery,
    response: { status: 200, schema: TaskPageSchema, description: 'One page of tasks' },
    handler: async ({ user, query }) =>
      tasks.list(user, {
        kinds: query.kind,
        states: query.state,
        contractId: query.contractId,
        page: query.page,
        pageSize: query.pageSize,
      }),
  });

  route({
    method: 'get',
    path: '/me/task-filters',
    summary: "The caller's saved task filters and those shared by users of the same role and scope",
    tag: 'tasks',
    roles,
    response: {
      status: 200,
      schema: z.object({ items: z.array(SavedTaskFilterSchema) }),
      description: 'Filters by name',
    },
    handler: async ({ user }) => ({ items: await filters.list(user) }),
  });

  route({
    method: 'post',
    path: '/me/task-filters',
    summary: 'Save a task filter, optionally shared with users of the same role and scope',
    tag: 'tasks',
    roles,
    body: CreateTaskFilterSchema,
    response: { status: 201, schema: SavedTaskFilterSchema, description: 'The saved filter' },
    problems: [409],
    handler: async ({ user, body }) => filters.create(user, body),
  });

  route({
    method: 'delete',
    path: '/me/task-filters/:id',
    summary: 'Delete a saved task filter (its owner only)',
    tag: 'tasks',
    roles,
    params: IdParams,
    response: { status: 204, schema: z.undefined(), description: 'Deleted' },
    problems: [404],
    handler: async ({ user, params }) => filters.remove(user, params.id),
  });
}
