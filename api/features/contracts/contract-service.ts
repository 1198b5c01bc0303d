import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { Light } from '../../../domain/contract-lights';
import { policyDaysToMs } from '../../../domain/policy';
import { processSearchAttributes } from '../../../domain/search-attributes';
import { Contract, findContract, insertContract, listContracts } from '../../../stores/contract-store';
import { findInstitution, Institution } from '../../../stores/institution-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import { activeRevocation } from '../../../stores/revocation-store';
import { findUser, User } from '../../../stores/user-store';
import {
  type ContractWorkflowInput,
  contractWorkflowId,
  signUpdate,
  terminateUpdate,
} from '../../../messages/contract-messages';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility, listScope } from '../../visibility';
import { createDashboardService } from '../dashboard/dashboard-service';
import { runWorkflowCommand } from '../../workflow-errors';
import type { z } from '../../openapi';
import { audit } from '../audit/audit-service';
import { createTemplateService } from '../agreement-templates/template-service';
import { createCapacityService } from '../capacity/capacity-service';
import { assertAgreementFloors } from './agreement-floor-problem';
import type { CreateContractSchema } from './contract-schemas';

type CreateContract = z.infer<typeof CreateContractSchema>;

async function institutionOfKind(
  deps: ApiDeps,
  id: string,
  kind: Institution['kind'],
  field: string,
): Promise<Institution> {
  const institution = await findInstitution(deps.db, id);
  if (!institution) throw new ProblemError('unknown-reference', `${field}: no institution ${id}`);
  if (institution.kind !== kind)
    throw new ProblemError('invalid-reference', `${field}: institution ${id} is ${institution.kind}, not ${kind}`);
  return institution;
}

async function liaisonOf(deps: ApiDeps, userId: string, institution: Institution, field: string): Promise<User> {
  const user = await findUser(deps.db, userId);
  if (!user) throw new ProblemError('unknown-reference', `${field}: no user ${userId}`);
  if (user.role !== 'liaison' || user.institutionId !== institution.id) {
    throw new ProblemError(
      'invalid-reference',
      `${field}: user ${userId} is not a liaison officer of ${institution.name}`,
    );
  }
  return user;
}

export function isPartyUser(
  user: User,
  contract: Pick<Contract, 'medicalInstitutionId' | 'careInstitutionId'>,
): boolean {
  return (
    (user.role === 'party' || user.role === 'liaison') &&
    (user.institutionId === contract.medicalInstitutionId || user.institutionId === contract.careInstitutionId)
  );
}

export function createContractService(deps: ApiDeps) {
  const now = deps.clock ?? Date.now;
  const visibility = createVisibility(deps.db);
  const dashboards = createDashboardService(deps);
  const templates = createTemplateService(deps);
  const capacity = createCapacityService(deps);
  const visibleContract = (user: User, id: string): Promise<Contract> => visibility.contract(user, id);

  async function create(user: User, body: CreateContract): Promise<Contract> {
    const medical = await institutionOfKind(deps, body.medicalInstitutionId, 'medical', 'medicalInstitutionId');
    const care = await institutionOfKind(deps, body.careInstitutionId, 'elderly_care', 'careInstitutionId');
    // The home's district supervises the contract: services are delivered there.
    const regionCode = care.regionCode;
    const mayDraft =
      regulates(user, regionCode) ||
      (user.role === 'party' && (user.institutionId === medical.id || user.institutionId === care.id));
    if (!mayDraft)
      throw new ProblemError(
        'forbidden',
        `only a regulator of region ${regionCode} or one of the two parties may draft this contract`,
      );
    // Either side's qualification may be the one revoked: the findings' responsible side decides (issue 12).
    for (const institution of [medical, care]) {
      if (await activeRevocation(deps.db, institution.id, regionCode)) {
        throw new ProblemError(
          'qualification-revoked',
          `${institution.name} may not sign new contracts in region ${regionCode} ` +
            'until a regulator reinstates its cooperation qualification',
        );
      }
    }
    await liaisonOf(deps, body.medicalLiaisonUserId, medical, 'medicalLiaisonUserId');
    await liaisonOf(deps, body.careLiaisonUserId, care, 'careLiaisonUserId');
    const region = (await findRegion(deps.db, regionCode))!;
    const { terms, templateVersion } = await templates.termsForDraft(regionCode, body);

    const policy = effectivePolicy(region);
    assertAgreementFloors(terms, policy);
    const draftedAt = now();
    const id = randomUUID();
    const signingDeadline = new Date(draftedAt + policyDaysToMs(policy.signing.windowDays, policy)).toISOString();
    const input: ContractWorkflowInput = {
      contractId: id,
      regionCode,
      medicalInstitutionId: medical.id,
      careInstitutionId: care.id,
      signingDeadline,
      termStart: body.termStart,
      termEnd: body.termEnd,
      policy,
      clock: { anchorMs: draftedAt, timeScale: policy.timeScale },
      terms,
    };
    await deps.db.transaction(async (tx) => {
      await insertContract(tx, {
        id,
        regionCode,
        ...body,
        terms,
        templateVersion,
        policy,
        signingDeadline,
        clockAnchor: new Date(draftedAt).toISOString(),
        draftedBy: user.id,
      });
      // Started inside the transaction: if Temporal refuses, the row is rolled back and nothing exists.
      await deps.temporal.workflow.start('contractWorkflow', {
        workflowId: contractWorkflowId(id),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        typedSearchAttributes: processSearchAttributes({
          kind: 'contract',
          status: 'draft',
          regionCode,
          contractId: id,
        }),
      });
      // Last, so the audit chain's lock is not held while Temporal answers.
      await audit(tx, user, { type: 'contract', id }, 'contract.drafted', {
        policyVersion: policy.version,
        signingDeadline,
        ...(templateVersion ? { templateVersion } : {}),
      });
    });
    await capacity.checkQuietly(id, 'draft');
    return (await findContract(deps.db, id))!;
  }

  async function sign(user: User, id: string) {
    const contract = await visibleContract(user, id);
    if (!isPartyUser(user, contract))
      throw new ProblemError('not-a-party', 'only a party or liaison user of one of the two institutions may sign');
    const process = await runWorkflowCommand(
      () =>
        deps.temporal.workflow
          .getHandle(contractWorkflowId(id))
          .executeUpdate(signUpdate, { args: [{ institutionId: user.institutionId!, userId: user.id }] }),
      `the contract is ${contract.status}`,
    );
    await capacity.checkQuietly(id, 'sign');
    return process;
  }

  async function terminate(user: User, id: string, reason: string) {
    const contract = await visibleContract(user, id);
    if (!(regulates(user, contract.regionCode) || (user.role === 'party' && isPartyUser(user, contract)))) {
      throw new ProblemError('forbidden', 'only a party or a regulator of the region may terminate a contract');
    }
    return runWorkflowCommand(
      () =>
        deps.temporal.workflow
          .getHandle(contractWorkflowId(id))
          .executeUpdate(terminateUpdate, { args: [{ reason, userId: user.id, role: user.role }] }),
      `the contract is already ${contract.status}`,
    );
  }

  async function list(
    user: User,
    query: {
      status?: Contract['status'];
      light?: Light;
      institutionId?: string;
      q?: string;
      limit: number;
      offset: number;
    },
  ) {
    const { light, ...filter } = query;
    const scoped = { ...filter, ...listScope.contracts(await visibility.scopeOf(user)) };
    if (!light) return listContracts(deps.db, scoped);
    // The light is the domain's rule over aggregates, so the contracts it selects are found first, then paged.
    const { rows } = await dashboards.litContracts(scoped, {}, light);
    return listContracts(deps.db, { ...scoped, ids: rows.map((r) => r.contractId) });
  }

  return { create, sign, terminate, list, visibleContract };
}
