import { findUser } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';

export function registerUserAuditRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  registerAuditRoute(route, deps, {
    path: '/users/:id/audit',
    tag: 'users',
    entity: 'user',
    entityType: 'user',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    // A user is read only through GET /me: the user itself, and the admin, who reads every entity.
    visibleId: async (user, { id }) => {
      const subject = user.role === 'admin' || user.id === id ? await findUser(deps.db, id) : undefined;
      if (!subject) throw new ProblemError('not-found', `no user ${id}`);
      return subject.id;
    },
  });
}
