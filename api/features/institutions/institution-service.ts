import { randomUUID } from 'node:crypto';
import {
  findInstitutionByName,
  Institution,
  insertInstitution,
  listInstitutionsPage,
  updateCommittedMedicalStaff,
} from '../../../stores/institution-store';
import { findRegion } from '../../../stores/region-store';
import { reinstate as reinstateQualification } from '../../../stores/revocation-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { decodeCursor } from '../../pagination';
import { ProblemError } from '../../problem';
import { createVisibility, listScope } from '../../visibility';
import { audit } from '../audit/audit-service';

type CreateInstitution = Omit<Institution, 'id' | 'createdAt'>;

export function createInstitutionService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = (user: User, id: string): Promise<Institution> => visibility.institution(user, id);

  function register(user: User, input: CreateInstitution): Promise<Institution> {
    return deps.db.transaction(async (tx) => {
      if (!(await findRegion(tx, input.regionCode)))
        throw new ProblemError('unknown-reference', `regionCode: no region ${input.regionCode}`);
      assertRegulates(user, input.regionCode);
      const existing = await findInstitutionByName(tx, input.regionCode, input.name);
      if (existing)
        throw new ProblemError(
          'conflict',
          `an institution named "${input.name}" already exists in region ${input.regionCode}`,
          { existingId: existing.id },
        );
      const institution = await insertInstitution(tx, { id: randomUUID(), ...input });
      await audit(tx, user, { type: 'institution', id: institution.id }, 'institution.registered', { ...input });
      return institution;
    });
  }

  /** Lifts a revocation of the institution's cooperation qualification in one region. */
  async function reinstate(user: User, id: string, regionCode: string, reason: string) {
    await visible(user, id);
    assertRegulates(user, regionCode);
    return deps.db.transaction(async (tx) => {
      const count = await reinstateQualification(tx, id, regionCode, user.id);
      if (count === 0)
        throw new ProblemError('conflict', `institution ${id} holds no revoked qualification in region ${regionCode}`);
      await audit(tx, user, { type: 'institution', id }, 'institution.reinstated', { regionCode, reason });
      return { institutionId: id, regionCode, reinstated: true };
    });
  }

  /** The staff a hospital commits to cooperation, which the capacity check weighs visits against. */
  async function declareCommittedStaff(user: User, id: string, staff: number | null): Promise<Institution> {
    const institution = await visible(user, id);
    assertRegulates(user, institution.regionCode);
    if (institution.kind !== 'medical')
      throw new ProblemError(
        'invalid-reference',
        `institution ${id} is ${institution.kind}: only medical institutions commit medical staff`,
      );
    return deps.db.transaction(async (tx) => {
      const updated = await updateCommittedMedicalStaff(tx, id, staff);
      await audit(tx, user, { type: 'institution', id }, 'institution.committed-staff-declared', {
        committedMedicalStaff: staff,
        before: institution.medical?.committedMedicalStaff ?? null,
      });
      return updated;
    });
  }

  async function listPage(
    user: User,
    query: { regionCode?: string; kind?: Institution['kind']; q?: string; limit: number; cursor?: string },
  ) {
    const scope = listScope.institutions(await visibility.scopeOf(user));
    const filter = {
      ...(query.regionCode ? { regionCodes: [query.regionCode] } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.q ? { q: query.q } : {}),
    };
    return listInstitutionsPage(deps.db, [scope, filter], { limit: query.limit, after: decodeCursor(query.cursor) });
  }

  return { register, reinstate, declareCommittedStaff, visible, listPage };
}
