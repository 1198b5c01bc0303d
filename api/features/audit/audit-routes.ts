import type { z as Z, ZodType } from 'zod';
import type { AuditEntityType, AuditRow } from '../../../stores/audit-store';
import type { Role, User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';
import { auditTrail } from './audit-service';

export const AuditEntrySchema = z
  .object({
    id: z.string().describe('position in the whole log; pass it as `after` to read on'),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    details: z.record(z.string(), z.unknown()),
    hash: z
      .string()
      .describe(
        'SHA-256 over this entry and prevHash: cite it to prove the entry; `npm run audit:verify` checks the chain',
      ),
    prevHash: z.string().nullable().describe('hash of the entry before this one in the whole log (of any entity)'),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = z
  .object({
    items: z.array(AuditEntrySchema),
    nextAfter: z.string().optional().describe('present when more entries follow: the `after` of the next page'),
  })
  .openapi('AuditPage');

export const AuditPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'the id of the last entry of the previous page')
    .optional(),
});

const present = (e: AuditRow) => ({
  id: e.id,
  at: new Date(e.at).toISOString(),
  actor: e.actor,
  action: e.action,
  details: e.details,
  hash: e.hash,
  prevHash: e.prevHash,
});

/**
 * GET <path>: an entity's audit entries, oldest first. `visibleId` is the guard of the entity's own
 * GET route (it throws 404 for an entity the caller may not read) and answers the entity's id.
 */
export function registerAuditRoute<P extends ZodType>(
  route: ReturnType<typeof defineRoutes>,
  deps: ApiDeps,
  spec: {
    path: string;
    tag: string;
    entity: string;
    entityType: AuditEntityType;
    roles: readonly Role[];
    params: P;
    visibleId: (user: User, params: Z.infer<P>) => Promise<string>;
  },
) {
  route({
    method: 'get',
    path: spec.path,
    summary: `The ${spec.entity}'s append-only, hash-chained audit trail`,
    tag: spec.tag,
    roles: spec.roles,
    params: spec.params,
    query: AuditPageQuery,
    response: { status: 200, schema: AuditPageSchema, description: 'Audit entries, oldest first' },
    problems: [404],
    handler: async ({ user, params, query }) => {
      const entityId = await spec.visibleId(user, params as Z.infer<P>);
      const { rows, more } = await auditTrail(deps.db, spec.entityType, entityId, query);
      return { items: rows.map(present), ...(more ? { nextAfter: rows[rows.length - 1]!.id } : {}) };
    },
  });
}
