import {
  deleteTaskFilter,
  insertTaskFilter,
  type SavedTaskFilter,
  visibleTaskFilters,
} from '../../../stores/task-filter-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { ProblemError } from '../../problem';

const shaped = (user: User) => (f: SavedTaskFilter) => ({ ...f, mine: f.ownerUserId === user.id });

/** Saved work-queue filters: kept on the server, so they follow a person across devices and can be shared. */
export function createTaskFilterService(deps: ApiDeps) {
  async function list(user: User) {
    return (await visibleTaskFilters(deps.db, user)).map(shaped(user));
  }

  async function create(user: User, input: { name: string; filter: SavedTaskFilter['filter']; shared: boolean }) {
    const saved = await insertTaskFilter(deps.db, { ownerUserId: user.id, ...input });
    if (!saved) throw new ProblemError('conflict', `you already have a task filter named "${input.name}"`);
    return shaped(user)(saved);
  }

  /** A filter the caller cannot see is absent (404); one shared with it is not its to delete (403). */
  async function remove(user: User, id: string): Promise<undefined> {
    const [filter] = await visibleTaskFilters(deps.db, user, id);
    if (!filter) throw new ProblemError('not-found', `no task filter ${id}`);
    if (filter.ownerUserId !== user.id)
      throw new ProblemError('forbidden', 'only the user who saved a task filter may delete it');
    await deleteTaskFilter(deps.db, id);
    return undefined;
  }

  return { list, create, remove };
}
