import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import {
  ApprovalDecisionSchema,
  ApprovalRoundSchema,
  ProposalParams,
  RenewalDeclineSchema,
  RenewalProposalInputSchema,
  RenewalProposalSchema,
} from './contract-process-schemas';
import { ContractProcessSchema } from './contract-schemas';
import { createContractProcessService } from './contract-process-service';

/** Approval (备案) of a signed contract and its renewal by both parties (issue 12 items 6 and 7). */
export function registerContractProcessRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const service = createContractProcessService(deps);
  const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

  route({
    method: 'post',
    path: '/contracts/:id/approval',
    summary:
      "Approve a contract pending approval (it takes effect), or return it with reasons (both signatures void, a new signing window) — a regulator of the contract's region",
    tag: 'contracts',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: ApprovalDecisionSchema,
    response: { status: 200, schema: ContractProcessSchema, description: 'The contract process after the decision' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => service.decideApproval(user, params.id, body.decision, body.reasons),
  });

  route({
    method: 'get',
    path: '/contracts/:id/approvals',
    summary: 'The rounds of approval of a contract: when the regulators were told, the deadline, the outcome',
    tag: 'contracts',
    roles: anyone,
    params: IdParams,
    response: {
      status: 200,
      schema: z.object({ items: z.array(ApprovalRoundSchema) }),
      description: 'Rounds, first first',
    },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await service.approvalRounds(user, params.id) }),
  });

  route({
    method: 'post',
    path: '/contracts/:id/renewal-proposals',
    summary: 'Propose a later term end (and optionally changed terms) for the other side to countersign by a deadline',
    tag: 'contracts',
    roles: ['party'],
    params: IdParams,
    body: RenewalProposalInputSchema,
    response: { status: 201, schema: RenewalProposalSchema, description: 'The open proposal with its deadline' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => service.propose(user, params.id, body),
  });

  route({
    method: 'get',
    path: '/contracts/:id/renewal-proposals',
    summary: "A contract's renewal proposals, oldest first",
    tag: 'contracts',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: z.object({ items: z.array(RenewalProposalSchema) }), description: 'Proposals' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await service.proposals(user, params.id) }),
  });

  const answer = z.object({ proposal: RenewalProposalSchema, process: ContractProcessSchema });

  route({
    method: 'post',
    path: '/contracts/:id/renewal-proposals/:proposalId/countersign',
    summary: 'Countersign the other side’s renewal proposal before its deadline: the term moves to the proposed end',
    tag: 'contracts',
    roles: ['party'],
    params: ProposalParams,
    response: { status: 200, schema: answer, description: 'The countersigned proposal and the renewed contract' },
    problems: [404, 409],
    handler: async ({ user, params }) => service.answer(user, params.id, params.proposalId, 'countersign'),
  });

  route({
    method: 'post',
    path: '/contracts/:id/renewal-proposals/:proposalId/decline',
    summary: 'Decline the other side’s renewal proposal: the contract expires as planned',
    tag: 'contracts',
    roles: ['party'],
    params: ProposalParams,
    body: RenewalDeclineSchema,
    response: { status: 200, schema: answer, description: 'The declined proposal and the contract' },
    problems: [404, 409],
    handler: async ({ user, params, body }) =>
      service.answer(user, params.id, params.proposalId, 'decline', body.reason),
  });

  route({
    method: 'post',
    path: '/contracts/:id/renewal',
    summary:
      'Gone: renewal needs both parties. Answers 410 renewal-by-proposal; use POST /contracts/{id}/renewal-proposals',
    tag: 'contracts',
    roles: ['admin', 'regulator', 'party'],
    params: IdParams,
    response: { status: 204, schema: z.never(), description: 'Never answered: this operation always answers 410 Gone' },
    problems: [404, 410],
    handler: async ({ user, params }) => service.unilateralRenewal(user, params.id),
  });
}
