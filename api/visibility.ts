import type { DbOrTx } from '../platform/db';
import { Contract, findContract } from '../stores/contract-store';
import { EvaluationCycle, Evaluation, findCycle, findEvaluation } from '../stores/evaluation-store';
import { EvaluatorOrganization, findOrganization } from '../stores/evaluator-store';
import { findInstitution, Institution } from '../stores/institution-store';
import { findRectification, RectificationOrder } from '../stores/rectification-store';
import { findRegion, Region } from '../stores/region-store';
import {
  ContractParties,
  contractsEvaluatedBy,
  contractsOfInstitution,
  outsideParties,
  regionOfInstitution,
  regionOfOrganization,
} from '../stores/scope-store';
import { findUser, User } from '../stores/user-store';
import { ProblemError } from './problem';

/**
 * What one caller may see, the one place that decides it. An admin sees everything; a regulator
 * its regions and everything in them (with the other-district parties of their contracts); a
 * liaison or party its institution, that institution's region, its contracts, their regions and
 * its counterparties; an evaluator its organization, that organization's region, and the
 * contracts (with their institutions) it was assigned to evaluate. What a caller cannot see is
 * reported as absent (404), so ids do not leak; lists are filtered, never refused.
 */
export interface Scope {
  user: User;
  all: boolean;
  /** Regions the caller supervises: their records and everything in them. */
  supervised: ReadonlySet<string>;
  /** Further regions whose record (name, policy) the caller may read. */
  regions: ReadonlySet<string>;
  /** Further institutions, organizations and contracts, by id. */
  institutions: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  contracts: ReadonlySet<string>;
}

const none: ReadonlySet<string> = new Set();

function scopeOver(
  user: User,
  contracts: ContractParties[],
  extra: { regions: string[]; institutions: string[]; organizations?: string[] },
): Scope {
  return {
    user,
    all: false,
    supervised: none,
    regions: new Set([...extra.regions, ...contracts.map((c) => c.regionCode)]),
    institutions: new Set([
      ...extra.institutions,
      ...contracts.flatMap((c) => [c.medicalInstitutionId, c.careInstitutionId]),
    ]),
    organizations: new Set(extra.organizations ?? []),
    contracts: new Set(contracts.map((c) => c.id)),
  };
}

export async function scopeOf(db: DbOrTx, user: User): Promise<Scope> {
  switch (user.role) {
    case 'admin':
      return {
        user,
        all: true,
        supervised: none,
        regions: none,
        institutions: none,
        organizations: none,
        contracts: none,
      };
    case 'regulator':
      return {
        user,
        all: false,
        supervised: new Set(user.regionCodes),
        regions: none,
        institutions: new Set(await outsideParties(db, user.regionCodes)),
        organizations: none,
        contracts: none,
      };
    case 'liaison':
    case 'party': {
      const home = await regionOfInstitution(db, user.institutionId!);
      return scopeOver(user, await contractsOfInstitution(db, user.institutionId!), {
        regions: home ? [home] : [],
        institutions: [user.institutionId!],
      });
    }
    case 'evaluator': {
      const home = await regionOfOrganization(db, user.evaluatorOrganizationId!);
      return scopeOver(user, await contractsEvaluatedBy(db, user.evaluatorOrganizationId!), {
        regions: home ? [home] : [],
        institutions: [],
        organizations: [user.evaluatorOrganizationId!],
      });
    }
  }
}

/** Pure checks of one record against a scope. */
export const sees = {
  region: (s: Scope, code: string) => s.all || s.supervised.has(code) || s.regions.has(code),
  institution: (s: Scope, i: Pick<Institution, 'id' | 'regionCode'>) =>
    s.all || s.supervised.has(i.regionCode) || s.institutions.has(i.id),
  organization: (s: Scope, o: Pick<EvaluatorOrganization, 'id' | 'regionCode'>) =>
    s.all || s.supervised.has(o.regionCode) || s.organizations.has(o.id),
  contract: (s: Scope, c: Pick<Contract, 'id' | 'regionCode'>) =>
    s.all || s.supervised.has(c.regionCode) || s.contracts.has(c.id),
  cycle: (s: Scope, c: Pick<EvaluationCycle, 'regionCode'>) => s.all || s.supervised.has(c.regionCode),
  /** An evaluator sees only its own organization's evaluations, not another's of the same contract. */
  evaluation: (s: Scope, e: Pick<Evaluation, 'organizationId'>, c: Pick<Contract, 'id' | 'regionCode'>) =>
    s.user.role === 'evaluator' ? e.organizationId === s.user.evaluatorOrganizationId : sees.contract(s, c),
  /**
   * Rectification orders are between the regulator and the parties; evaluators see the re-evaluation, not the order.
   */
  rectification: (s: Scope, o: Pick<RectificationOrder, 'regionCode'>, c: Pick<Contract, 'id' | 'regionCode'>) =>
    s.all || s.supervised.has(o.regionCode) || (s.user.role !== 'evaluator' && s.contracts.has(c.id)),
  /** Users: oneself; a regulator those of its regions; an institution's or organization's users each other. */
  user: (s: Scope, u: Pick<User, 'id' | 'institutionId' | 'evaluatorOrganizationId'>, homeRegions: string[]) =>
    s.all ||
    u.id === s.user.id ||
    homeRegions.some((code) => s.supervised.has(code)) ||
    (s.user.institutionId !== undefined && u.institutionId === s.user.institutionId) ||
    (s.user.evaluatorOrganizationId !== undefined && u.evaluatorOrganizationId === s.user.evaluatorOrganizationId),
};

/** List filters that hold exactly what a scope sees (undefined: everything). */
export const listScope = {
  regions: (s: Scope) => (s.all ? undefined : [...new Set([...s.supervised, ...s.regions])]),
  institutions: (s: Scope) => (s.all ? {} : { regionCodes: [...s.supervised], ids: [...s.institutions] }),
  organizations: (s: Scope) =>
    s.all ? {} : s.user.role === 'evaluator' ? { ids: [...s.organizations] } : { regionCodes: [...s.supervised] },
  contracts: (s: Scope) =>
    s.all ? {} : s.user.role === 'regulator' ? { regionCodes: [...s.supervised] } : { ids: [...s.contracts] },
  users: (s: Scope) =>
    s.all
      ? {}
      : s.user.role === 'regulator'
        ? { homeRegionCodes: [...s.supervised] }
        : s.user.institutionId
          ? { institutionId: s.user.institutionId }
          : { organizationId: s.user.evaluatorOrganizationId ?? s.user.id },
};

/** The regions a user belongs to: a regulator's, or its institution's or organization's. */
export async function homeRegionsOf(db: DbOrTx, user: User): Promise<string[]> {
  if (user.institutionId) return [(await regionOfInstitution(db, user.institutionId))!];
  if (user.evaluatorOrganizationId) return [(await regionOfOrganization(db, user.evaluatorOrganizationId))!];
  return user.regionCodes;
}

/**
 * Loads a record the caller may see, or answers 404 exactly as for a record that does not exist.
 * Every read route and every command that names a record goes through one of these.
 */
export function createVisibility(db: DbOrTx) {
  const absent = (what: string, id: string) => new ProblemError('not-found', `no ${what} ${id}`);
  return {
    scopeOf: (user: User) => scopeOf(db, user),
    async region(user: User, code: string): Promise<Region> {
      const region = await findRegion(db, code);
      if (!region || !sees.region(await scopeOf(db, user), code)) throw absent('region', code);
      return region;
    },
    /**
     * A region the caller supervises (an admin: any), for what only supervisors read, such as its
     * dashboard; needs no full scope, since supervision is the user's own region list.
     */
    async supervisedRegion(user: User, code: string): Promise<Region> {
      const region = await findRegion(db, code);
      const supervises = user.role === 'admin' || (user.role === 'regulator' && user.regionCodes.includes(code));
      if (!region || !supervises) throw absent('region', code);
      return region;
    },
    async institution(user: User, id: string): Promise<Institution> {
      const institution = await findInstitution(db, id);
      if (!institution || !sees.institution(await scopeOf(db, user), institution)) throw absent('institution', id);
      return institution;
    },
    async organization(user: User, id: string): Promise<EvaluatorOrganization> {
      const organization = await findOrganization(db, id);
      if (!organization || !sees.organization(await scopeOf(db, user), organization))
        throw absent('evaluator organization', id);
      return organization;
    },
    async contract(user: User, id: string): Promise<Contract> {
      const contract = await findContract(db, id);
      if (!contract || !sees.contract(await scopeOf(db, user), contract)) throw absent('contract', id);
      return contract;
    },
    async cycle(user: User, id: string): Promise<EvaluationCycle> {
      const cycle = await findCycle(db, id);
      if (!cycle || !sees.cycle(await scopeOf(db, user), cycle)) throw absent('evaluation cycle', id);
      return cycle;
    },
    async evaluation(user: User, id: string): Promise<{ evaluation: Evaluation; contract: Contract }> {
      const evaluation = await findEvaluation(db, id);
      const contract = evaluation && (await findContract(db, evaluation.contractId));
      if (!evaluation || !contract || !sees.evaluation(await scopeOf(db, user), evaluation, contract))
        throw absent('evaluation', id);
      return { evaluation, contract };
    },
    async rectification(user: User, id: string): Promise<{ order: RectificationOrder; contract: Contract }> {
      const order = await findRectification(db, id);
      const contract = order && (await findContract(db, order.contractId));
      if (!order || !contract || !sees.rectification(await scopeOf(db, user), order, contract))
        throw absent('rectification', id);
      return { order, contract };
    },
    async user(caller: User, id: string): Promise<{ user: User; homeRegions: string[] }> {
      const user = await findUser(db, id);
      const homeRegions = user ? await homeRegionsOf(db, user) : [];
      if (!user || !sees.user(await scopeOf(db, caller), user, homeRegions)) throw absent('user', id);
      return { user, homeRegions };
    },
  };
}

export type Visibility = ReturnType<typeof createVisibility>;
