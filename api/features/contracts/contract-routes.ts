import { contractClock } from '../../../domain/clock';
import { policyToday } from '../../../domain/obligations';
import { Contract } from '../../../stores/contract-store';
import { contractWorkflowId } from '../../../messages/contract-messages';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import {
  ContractListQuery,
  ContractProcessSchema,
  ContractSchema,
  CreateContractSchema,
  TerminationSchema,
} from './contract-schemas';
import { createContractDetails } from './contract-details';
import { registerContractProcessRoutes } from './contract-process-routes';
import { createContractService } from './contract-service';

const present = (c: Contract) => {
  const { policy, templateVersion: _shownAsTemplate, ...rest } = c;
  return {
    ...rest,
    workflowId: contractWorkflowId(c.id),
    policyVersion: policy.version,
    policyTimeScale: policy.timeScale,
    policyToday: policyToday(contractClock(c), Date.now()),
  };
};

export function registerContractRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const contracts = createContractService(deps);
  const details = createContractDetails(deps);
  const presentInFull = async (c: Contract) => ({ ...present(c), ...(await details(c)) });
  const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

  route({
    method: 'post',
    path: '/contracts',
    summary: 'Draft a cooperation contract; starts its workflow contract-<id>',
    tag: 'contracts',
    roles: ['admin', 'regulator', 'party'],
    body: CreateContractSchema,
    response: { status: 201, schema: ContractSchema, description: 'The draft contract' },
    problems: [409, 422],
    handler: async ({ user, body }) => presentInFull(await contracts.create(user, body)),
  });

  route({
    method: 'get',
    path: '/contracts',
    summary: 'Contracts this token may see (its regions, or its institution)',
    tag: 'contracts',
    roles: anyone,
    query: ContractListQuery,
    response: {
      status: 200,
      schema: z.object({ items: z.array(ContractSchema) }),
      description: 'Contracts, newest first',
    },
    handler: async ({ user, query }) => ({ items: (await contracts.list(user, query)).map(present) }),
  });

  route({
    method: 'get',
    path: '/contracts/:id',
    summary: 'One contract with its status and signatures',
    tag: 'contracts',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: ContractSchema, description: 'The contract' },
    problems: [404],
    handler: async ({ user, params }) => presentInFull(await contracts.visibleContract(user, params.id)),
  });

  route({
    method: 'post',
    path: '/contracts/:id/signatures',
    summary: "Sign for the caller's institution (once per party, before the signing deadline)",
    tag: 'contracts',
    roles: ['party', 'liaison'],
    params: IdParams,
    response: { status: 201, schema: ContractProcessSchema, description: 'The contract process after the signature' },
    problems: [404, 409],
    handler: async ({ user, params }) => contracts.sign(user, params.id),
  });

  route({
    method: 'post',
    path: '/contracts/:id/termination',
    summary: 'Terminate a contract with a reason (a party or the regulator)',
    tag: 'contracts',
    roles: ['admin', 'regulator', 'party'],
    params: IdParams,
    body: TerminationSchema,
    response: { status: 200, schema: ContractProcessSchema, description: 'The terminated contract process' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => contracts.terminate(user, params.id, body.reason),
  });

  registerContractProcessRoutes(route, deps);

  registerAuditRoute(route, deps, {
    path: '/contracts/:id/audit',
    tag: 'contracts',
    entity: 'contract',
    entityType: 'contract',
    roles: anyone,
    params: IdParams,
    visibleId: async (user, { id }) => (await contracts.visibleContract(user, id)).id,
  });
}
