import { contractClock } from '../../../domain/clock';
import { lights } from '../../../domain/contract-lights';
import { currentDeadline, deskLight, rectificationSteps } from '../../../domain/desk-lights';
import { policyToday } from '../../../domain/obligations';
import { deskPolicyOf } from '../../../domain/policy';
import { listRectifications } from '../../../stores/rectification-list-store';
import { effectivePolicy, listRegions } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { decodeCursor, PageQuery, pageFrom, pageOf } from '../../pagination';
import type { defineRoutes } from '../../route';
import { createVisibility, listScope } from '../../visibility';

const localDate = z.iso.date();

export const RectificationListQuery = z
  .object({
    regionCode: z.string().min(1).max(50).optional().describe('only orders in this region'),
    status: z
      .enum(['open', ...rectificationSteps])
      .default('open')
      .describe("'open' (the default): every order without an outcome; otherwise orders at this step"),
    dueBy: localDate.optional().describe('only orders whose evidence deadline is on or before this date'),
    ...PageQuery,
  })
  .strict();

const RectificationListItem = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    regionCode: z.string(),
    origin: z.enum(['evaluation', 'regulator']),
    status: z.enum(rectificationSteps),
    outcome: z.string().optional(),
    issuedOn: z.string(),
    deadline: z.string().describe('the deadline for accepted evidence (with any extension)'),
    extensions: z.number().int(),
    representationsDeadline: z.string().optional(),
    currentDeadline: z.string().describe('the deadline that matters now: representations in the notice step'),
    light: z
      .enum(lights)
      .optional()
      .describe("open orders: red past currentDeadline, yellow within the region's desk.yellowDueWithinDays"),
    findingCount: z.number().int(),
    medicalInstitution: z.object({ id: z.uuid(), name: z.string() }),
    careInstitution: z.object({ id: z.uuid(), name: z.string() }),
  })
  .openapi('RectificationListItem');

/**
 * The rectification desk's list: a regulator sees the orders of its regions, a party or liaison
 * its institution's, an admin all; ordered by deadline, soonest first.
 */
export function registerRectificationListRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);

  async function list(user: User, query: z.infer<typeof RectificationListQuery>) {
    const scope = await visibility.scopeOf(user);
    const after = decodeCursor(query.cursor);
    const scoped =
      user.role === 'admin'
        ? {}
        : user.role === 'regulator'
          ? { regionCodes: listScope.contracts(scope).regionCodes ?? [] }
          : { institutionId: user.institutionId ?? '00000000-0000-0000-0000-000000000000' };
    const regionCodes =
      query.regionCode === undefined
        ? scoped.regionCodes
        : (scoped.regionCodes ?? [query.regionCode]).filter((code) => code === query.regionCode);
    const rows = await listRectifications(deps.db, {
      regionCodes,
      institutionId: 'institutionId' in scoped ? scoped.institutionId : undefined,
      status: query.status,
      dueBy: query.dueBy,
      after: after && { deadline: after.name, id: after.id },
      limit: query.limit,
    });
    const regions = new Map(
      (await listRegions(deps.db, [...new Set(rows.items.map((r) => r.regionCode))])).map((r) => [
        r.code,
        deskPolicyOf(effectivePolicy(r)),
      ]),
    );
    const now = Date.now();
    const page = pageFrom(
      {
        total: rows.total,
        items: rows.items.map((r) => ({ ...r, name: r.deadline })),
      },
      query.limit,
    );
    return {
      ...page,
      items: page.items.map((r) => {
        const today = policyToday(
          contractClock({ clockAnchor: r.clockAnchor, policy: { timeScale: r.timeScale } }),
          now,
        );
        const light = deskLight(today, r, regions.get(r.regionCode) ?? deskPolicyOf({}));
        return {
          id: r.id,
          contractId: r.contractId,
          regionCode: r.regionCode,
          origin: r.origin,
          status: r.status as (typeof rectificationSteps)[number],
          ...(r.outcome ? { outcome: r.outcome } : {}),
          issuedOn: r.issuedOn,
          deadline: r.deadline,
          extensions: r.extensions,
          ...(r.representationsDeadline ? { representationsDeadline: r.representationsDeadline } : {}),
          currentDeadline: currentDeadline(r),
          ...(light ? { light } : {}),
          findingCount: r.findingCount,
          medicalInstitution: { id: r.medicalInstitutionId, name: r.medicalInstitutionName },
          careInstitution: { id: r.careInstitutionId, name: r.careInstitutionName },
        };
      }),
    };
  }

  route({
    method: 'get',
    path: '/rectifications',
    summary:
      "Rectification orders the caller may see (a regulator's regions, a party's institution, an admin all), by deadline",
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    query: RectificationListQuery,
    response: { status: 200, schema: pageOf(RectificationListItem), description: 'Orders, soonest deadline first' },
    handler: async ({ user, query }) => list(user, query),
  });
}
