import type { ApiDeps } from '../../api-deps';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createUserService } from './user-service';

export function registerUserAuditRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const users = createUserService(deps);
  registerAuditRoute(route, deps, {
    path: '/users/:id/audit',
    tag: 'users',
    entity: 'user',
    entityType: 'user',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await users.visible(user, id)).id,
  });
}
