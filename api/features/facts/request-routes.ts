import { requestAnswerDueDate } from '../../../domain/obligations';
import { answerRequest, findRequest, findRequestByKey, insertRequest, listRequests, PartyRequest } from '../../../stores/request-store';
import { itemClosedSignal, requestRaisedSignal } from '../../../workflows/contract-messages';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { AnswerRequestSchema, listOf, PartyRequestSchema, RaiseRequestSchema, RequestListQuery, RequestParams } from './fact-schemas';
import { anyRole, FactService } from './fact-service';

const present = (request: PartyRequest) => ({ ...request, status: request.answeredAt ? ('answered' as const) : ('open' as const) });
const otherSide = (side: PartyRequest['fromSide']) => (side === 'medical' ? 'care' : 'medical');

export function registerRequestRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  route({
    method: 'post',
    path: '/contracts/:id/requests',
    summary: "Raise a request to the other party; it gets an answer deadline in working days (Idempotency-Key honoured)",
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RaiseRequestSchema,
    response: { status: 201, schema: PartyRequestSchema, description: 'The request with its answerDueDate (200 when replayed for the same Idempotency-Key)' },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => {
      const request = await facts.create(ctx, {
        findByKey: findRequestByKey,
        insert: (tx, { contract, user, side, today }, id, idempotency) =>
          insertRequest(tx, { id, contractId: contract.id, recordedBy: user.id, fromSide: side, ...ctx.body, raisedDate: today, answerDueDate: requestAnswerDueDate(today, contract.policy) }, idempotency),
        audit: (r) => ({ action: 'request.raised', details: { requestId: r.id, fromSide: r.fromSide, answerDueDate: r.answerDueDate } }),
        signal: (handle, r) => handle.signal(requestRaisedSignal, { requestId: r.id, dueDate: r.answerDueDate }),
      });
      return present(request);
    },
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
    handler: async ({ user, params, body }) => {
      const recording = await facts.recordable(user, params.id);
      const request = await findRequest(facts.db, params.rid);
      if (!request || request.contractId !== params.id) throw new ProblemError('not-found', `no request ${params.rid} on contract ${params.id}`);
      if (recording.side === request.fromSide) {
        throw new ProblemError('own-request', `the ${request.fromSide} side raised this request, so only the ${otherSide(request.fromSide)} side may answer it`);
      }
      const answered = await facts.db.transaction(async (tx) => {
        const done = await answerRequest(tx, request.id, { answer: body.answer, userId: user.id, at: new Date(facts.now()).toISOString() });
        if (!done) throw new ProblemError('already-answered', `request ${request.id} is already answered${request.answeredAt ? ` (at ${request.answeredAt})` : ''}`);
        await facts.audit(tx, recording, 'request.answered', { requestId: done.id });
        return done;
      });
      await facts.signalWorkflow(params.id, 'request.answered', (handle) => handle.signal(itemClosedSignal, { kind: 'request', id: answered.id }));
      return present(answered);
    },
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
    handler: async ({ user, params, query }) => ({ items: (await listRequests(facts.db, (await facts.readable(user, params.id)).id, query.status)).map(present) }),
  });
}
