import {
  declareRelation,
  listRelations,
  EvaluatorOrganization,
  EvaluatorRelation,
  insertOrganization,
  listOrganizationsWhere,
} from '../../../stores/evaluator-store';
import { findInstitution } from '../../../stores/institution-store';
import { findRegion } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility, listScope } from '../../visibility';
import { audit } from '../audit/audit-service';

export function createEvaluatorService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = (user: User, id: string): Promise<EvaluatorOrganization> => visibility.organization(user, id);

  function createOrganization(user: User, input: { regionCode: string; name: string }): Promise<EvaluatorOrganization> {
    return deps.db.transaction(async (tx) => {
      if (!(await findRegion(tx, input.regionCode)))
        throw new ProblemError('unknown-reference', `regionCode: no region ${input.regionCode}`);
      assertRegulates(user, input.regionCode);
      const organization = await insertOrganization(tx, input);
      if (!organization)
        throw new ProblemError(
          'conflict',
          `an evaluator organization named "${input.name}" already exists in region ${input.regionCode}`,
        );
      await audit(tx, user, { type: 'evaluator-organization', id: organization.id }, 'evaluator-organization.created', {
        ...input,
      });
      return organization;
    });
  }

  async function list(user: User, regionCode?: string): Promise<EvaluatorOrganization[]> {
    const visibleOnes = await listOrganizationsWhere(deps.db, listScope.organizations(await visibility.scopeOf(user)));
    return visibleOnes.filter((o) => !regionCode || o.regionCode === regionCode);
  }

  /** Declaring the same pair again answers the first declaration (created: false) and writes nothing. */
  function declareConflict(
    user: User,
    organizationId: string,
    input: { institutionId: string; relation: string },
  ): Promise<{ relation: EvaluatorRelation; created: boolean }> {
    return deps.db.transaction(async (tx) => {
      const organization = await visible(user, organizationId);
      assertRegulates(user, organization.regionCode);
      if (!(await findInstitution(tx, input.institutionId)))
        throw new ProblemError('unknown-reference', `institutionId: no institution ${input.institutionId}`);
      const declared = await declareRelation(tx, { organizationId: organization.id, ...input });
      if (declared.created)
        await audit(
          tx,
          user,
          { type: 'evaluator-organization', id: organization.id },
          'evaluator-organization.relation-declared',
          { ...input },
        );
      return declared;
    });
  }

  async function relations(user: User, organizationId: string): Promise<EvaluatorRelation[]> {
    const organization = await visible(user, organizationId);
    return listRelations(deps.db, organization.id);
  }

  return { createOrganization, list, visible, declareConflict, relations };
}
