import { randomUUID } from 'node:crypto';
import type { TaskKind, TaskState } from '../domain/work-queue';
import type { DbOrTx } from '../platform/db';
import type { User } from './user-store';

export const TASK_FILTERS_TABLE = 'task_filters';

export interface SavedTaskFilter {
  id: string;
  ownerUserId: string;
  ownerName: string;
  name: string;
  filter: { kinds?: TaskKind[]; states?: TaskState[]; contractId?: string };
  shared: boolean;
  createdAt: string;
}

const columns = ['f.id', 'f.owner_user_id', 'u.name as owner_name', 'f.name', 'f.filter', 'f.shared', 'f.created_at'];

function mapRow(r: Record<string, any>): SavedTaskFilter {
  return {
    id: r.id,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    name: r.name,
    filter: r.filter,
    shared: r.shared,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Undefined when the owner already has a filter of that name. */
export async function insertTaskFilter(
  db: DbOrTx,
  f: { ownerUserId: string; name: string; filter: SavedTaskFilter['filter']; shared: boolean },
): Promise<SavedTaskFilter | undefined> {
  const id = randomUUID();
  const inserted = await db(TASK_FILTERS_TABLE)
    .insert({ id, owner_user_id: f.ownerUserId, name: f.name, filter: JSON.stringify(f.filter), shared: f.shared })
    .onConflict(['owner_user_id', 'name'])
    .ignore()
    .returning('id');
  if (inserted.length === 0) return undefined;
  return (await visibleTaskFilters(db, { id: f.ownerUserId } as User, id))[0];
}

/**
 * One's own filters, and the shared filters of users with the same role and an overlapping scope:
 * the same institution (liaison, party), organization (evaluator), a common region (regulator), or any admin.
 */
export async function visibleTaskFilters(db: DbOrTx, user: User, id?: string): Promise<SavedTaskFilter[]> {
  const rows = await db(`${TASK_FILTERS_TABLE} as f`)
    .join('users as u', 'u.id', 'f.owner_user_id')
    .where((q) => {
      q.where('f.owner_user_id', user.id);
      if (!user.role) return;
      q.orWhere((s) => {
        s.where('f.shared', true).andWhere('u.role', user.role);
        if (user.role === 'liaison' || user.role === 'party') s.andWhere('u.institution_id', user.institutionId!);
        else if (user.role === 'evaluator') s.andWhere('u.evaluator_organization_id', user.evaluatorOrganizationId!);
        else if (user.role === 'regulator')
          s.whereExists((r) =>
            r
              .from('user_regions as ur')
              .whereRaw('ur.user_id = u.id')
              .whereIn('ur.region_code', user.regionCodes.length ? user.regionCodes : ['']),
          );
      });
    })
    .modify((q) => (id ? q.andWhere('f.id', id) : q))
    .orderBy([{ column: 'f.name' }, { column: 'f.id' }])
    .select(columns);
  return rows.map(mapRow);
}

export async function deleteTaskFilter(db: DbOrTx, id: string): Promise<void> {
  await db(TASK_FILTERS_TABLE).where({ id }).delete();
}
