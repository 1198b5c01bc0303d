import type { PartyRequest } from '../../../stores/request-store';
import { IdParams, type defineRoutes } from '../../route';
import {
  AnswerRequestSchema,
  listOf,
  PartyRequestSchema,
  RaiseRequestSchema,
  RequestListQuery,
  RequestParams,
} from './fact-schemas';
import { anyRole, FactService } from './fact-service';
import { createRequestService } from './request-service';

const present = (request: PartyRequest) => ({
  ...request,
  status: request.answeredAt ? ('answered' as const) : ('open' as const),
});

export function registerRequestRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const requests = createRequestService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/requests',
    summary:
      'Raise a request to the other party; it gets an answer deadline in working days (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RaiseRequestSchema,
    response: {
      status: 201,
      schema: PartyRequestSchema,
      description: 'The request with its answerDueDate (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => present(await requests.raise(ctx)),
  });

  route({
    method: 'post',
    path: '/contracts/:id/requests/:rid/answer',
    summary: 'Answer a request (only the side that did not raise it, once)',
    tag: 'facts',
    roles: anyRole,
    params: RequestParams,
    body: AnswerRequestSchema,
    response: { status: 200, schema: PartyRequestSchema, description: 'The answered request' },
    problems: [404, 409],
    handler: async ({ user, params, body }) => present(await requests.answer(user, params.id, params.rid, body.answer)),
  });

  route({
    method: 'get',
    path: '/contracts/:id/requests',
    summary: 'Requests between the parties of a contract, by the date raised',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    query: RequestListQuery,
    response: { status: 200, schema: listOf(PartyRequestSchema), description: 'Requests, oldest first' },
    problems: [404],
    handler: async ({ user, params, query }) => ({
      items: (await requests.list(user, params.id, query.status)).map(present),
    }),
  });
}
