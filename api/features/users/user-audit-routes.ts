import type { ApiDeps } from '../../api-deps';
import { IdParams, type defineRoutes } from '../../route';
import { createVisibility } from '../../visibility';
import { registerAuditRoute } from '../audit/audit-routes';

export function registerUserAuditRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  registerAuditRoute(route, deps, {
    path: '/users/:id/audit',
    tag: 'users',
    entity: 'user',
    entityType: 'user',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await visibility.user(user, id)).user.id,
  });
}
