import { findInstitution } from '../../../stores/institution-store';
import { findOrganization } from '../../../stores/evaluator-store';
import { findRegion } from '../../../stores/region-store';
import {
  createToken,
  deactivateUser,
  findToken,
  findUserByEmail,
  insertUser,
  issueToken,
  listTokens,
  listUsersPage,
  revokeToken,
  Role,
  User,
} from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { decodeCursor } from '../../pagination';
import { ProblemError } from '../../problem';
import { createVisibility, listScope } from '../../visibility';
import { audit } from '../audit/audit-service';

type NewUser = Omit<User, 'id' | 'createdAt' | 'deactivatedAt' | 'deactivationReason'>;

/**
 * Who may act on a user's access: an admin, or a regulator supervising the region of the user's
 * institution or evaluator organization (the same who may create such users). Regulators and
 * admins are managed by admins.
 */
function mayManage(actor: User, target: User, homeRegions: string[]): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'regulator' &&
    ['liaison', 'party', 'evaluator'].includes(target.role) &&
    homeRegions.some((code) => actor.regionCodes.includes(code))
  );
}

/** Users, and their access: creating them, issuing and revoking tokens, deactivating a departed user. */
export function createUserService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = async (caller: User, id: string): Promise<User> => (await visibility.user(caller, id)).user;
  const managed = async (actor: User, id: string) => {
    const { user, homeRegions } = await visibility.user(actor, id);
    if (!mayManage(actor, user, homeRegions))
      throw new ProblemError(
        'forbidden',
        'only an admin' +
          (user.role === 'regulator' || user.role === 'admin' ? '' : " or a regulator of the user's region") +
          " may change this user's access",
      );
    return user;
  };

  async function assertMayCreate(actor: User, input: NewUser) {
    const scoped = input.role === 'liaison' || input.role === 'party';
    if (scoped && !input.institutionId)
      throw new ProblemError('validation-failed', `body.institutionId: required for role ${input.role}`);
    if (!scoped && input.institutionId)
      throw new ProblemError(
        'validation-failed',
        `body.institutionId: only liaison and party users belong to an institution`,
      );
    const evaluator = input.role === 'evaluator';
    if (evaluator && !input.evaluatorOrganizationId)
      throw new ProblemError('validation-failed', 'body.evaluatorOrganizationId: required for role evaluator');
    if (!evaluator && input.evaluatorOrganizationId)
      throw new ProblemError(
        'validation-failed',
        'body.evaluatorOrganizationId: only evaluator users belong to an evaluator organization',
      );
    if (input.role === 'regulator' && input.regionCodes.length === 0)
      throw new ProblemError('validation-failed', 'body.regionCodes: a regulator supervises at least one region');
    for (const code of input.regionCodes) {
      if (!(await findRegion(deps.db, code)))
        throw new ProblemError('unknown-reference', `regionCodes: no region ${code}`);
    }
    if (input.institutionId) {
      const institution = await findInstitution(deps.db, input.institutionId);
      if (!institution)
        throw new ProblemError('unknown-reference', `institutionId: no institution ${input.institutionId}`);
      if (actor.role !== 'admin' && !regulates(actor, institution.regionCode))
        throw new ProblemError('forbidden', 'you may only add users to institutions in regions you supervise');
    } else if (input.evaluatorOrganizationId) {
      const organization = await findOrganization(deps.db, input.evaluatorOrganizationId);
      if (!organization)
        throw new ProblemError(
          'unknown-reference',
          `evaluatorOrganizationId: no evaluator organization ${input.evaluatorOrganizationId}`,
        );
      if (!regulates(actor, organization.regionCode))
        throw new ProblemError('forbidden', 'you may only add evaluators to organizations in regions you supervise');
    } else if (actor.role !== 'admin') {
      throw new ProblemError('forbidden', `only an admin may create ${input.role} users`);
    }
  }

  async function create(actor: User, input: NewUser): Promise<{ user: User; token: string }> {
    await assertMayCreate(actor, input);
    return deps.db.transaction(async (tx) => {
      if (await findUserByEmail(tx, input.email))
        throw new ProblemError('conflict', `a user with e-mail ${input.email} already exists`);
      const user = await insertUser(tx, input);
      const token = await issueToken(tx, user.id, 'created by API');
      await audit(tx, actor, { type: 'user', id: user.id }, 'user.created', {
        role: user.role,
        institutionId: user.institutionId,
        evaluatorOrganizationId: user.evaluatorOrganizationId,
        regionCodes: user.regionCodes,
      });
      return { user, token };
    });
  }

  async function listPage(
    caller: User,
    query: {
      role?: Role;
      regionCode?: string;
      institutionId?: string;
      q?: string;
      includeDeactivated: boolean;
      limit: number;
      cursor?: string;
    },
  ) {
    const scope = listScope.users(await visibility.scopeOf(caller));
    const filter = {
      role: query.role,
      institutionId: query.institutionId,
      includeDeactivated: query.includeDeactivated,
      q: query.q,
      ...(query.regionCode ? { homeRegionCodes: [query.regionCode] } : {}),
    };
    return listUsersPage(deps.db, [scope, filter], { limit: query.limit, after: decodeCursor(query.cursor) });
  }

  async function tokens(caller: User, userId: string) {
    if (userId !== caller.id) await managed(caller, userId);
    return listTokens(deps.db, userId);
  }

  async function issueTokenFor(actor: User, userId: string, label: string) {
    const target = userId === actor.id ? actor : await managed(actor, userId);
    if (target.deactivatedAt)
      throw new ProblemError('user-deactivated', `user ${target.id} was deactivated on ${target.deactivatedAt}`);
    return deps.db.transaction(async (tx) => {
      const issued = await createToken(tx, { userId: target.id, label, issuedBy: actor.id });
      await audit(tx, actor, { type: 'user', id: target.id }, 'user.token-issued', { tokenId: issued.token.id, label });
      return issued;
    });
  }

  /** Revoking again changes nothing and writes no entry. */
  async function revoke(actor: User, tokenId: string) {
    const token = await findToken(deps.db, tokenId);
    if (!token) throw new ProblemError('not-found', `no token ${tokenId}`);
    if (token.userId !== actor.id) {
      try {
        await managed(actor, token.userId);
      } catch (error) {
        // A token of a user the caller cannot see is as absent as the user.
        if (error instanceof ProblemError && error.type === 'not-found')
          throw new ProblemError('not-found', `no token ${tokenId}`);
        throw error;
      }
    }
    return deps.db.transaction(async (tx) => {
      const revoked = await revokeToken(tx, token.id, actor.id);
      if (!revoked) return token;
      await audit(tx, actor, { type: 'user', id: token.userId }, 'user.token-revoked', {
        tokenId: token.id,
        label: token.label,
      });
      return revoked;
    });
  }

  async function deactivate(actor: User, userId: string, reason: string): Promise<User> {
    const target = await managed(actor, userId);
    if (target.id === actor.id) throw new ProblemError('forbidden', 'you may not deactivate yourself; ask an admin');
    return deps.db.transaction(async (tx) => {
      const deactivated = await deactivateUser(tx, target.id, actor.id, reason);
      if (!deactivated)
        throw new ProblemError(
          'user-deactivated',
          `user ${target.id} was already deactivated on ${target.deactivatedAt}`,
        );
      await audit(tx, actor, { type: 'user', id: target.id }, 'user.deactivated', { reason, role: target.role });
      return deactivated;
    });
  }

  return { create, visible, managed, listPage, tokens, issueToken: issueTokenFor, revoke, deactivate };
}
