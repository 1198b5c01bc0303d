import { requestAnswerDueDate } from '../../../domain/obligations';
import {
  answerRequest,
  findRequest,
  findRequestByKey,
  insertRequest,
  listRequests,
  PartyRequest,
} from '../../../stores/request-store';
import type { User } from '../../../stores/user-store';
import { itemClosedSignal, requestRaisedSignal } from '../../../messages/contract-messages';
import type { z } from '../../openapi';
import { ProblemError } from '../../problem';
import type { RaiseRequestSchema } from './fact-schemas';
import { FactService, HttpContext } from './fact-service';

const otherSide = (side: PartyRequest['fromSide']) => (side === 'medical' ? 'care' : 'medical');

export function createRequestService(facts: FactService) {
  /** The request gets an answer deadline in working days, and the contract's workflow a reminder. */
  const raise = (ctx: HttpContext & { body: z.infer<typeof RaiseRequestSchema> }): Promise<PartyRequest> =>
    facts.create(ctx, {
      findByKey: findRequestByKey,
      insert: (tx, { contract, user, side, today }, id, idempotency) =>
        insertRequest(
          tx,
          {
            id,
            contractId: contract.id,
            recordedBy: user.id,
            fromSide: side,
            ...ctx.body,
            raisedDate: today,
            answerDueDate: requestAnswerDueDate(today, contract.policy),
          },
          idempotency,
        ),
      audit: (r) => ({
        action: 'request.raised',
        details: { requestId: r.id, fromSide: r.fromSide, answerDueDate: r.answerDueDate },
      }),
      signal: (handle, r) => handle.signal(requestRaisedSignal, { requestId: r.id, dueDate: r.answerDueDate }),
    });

  /** Only the side that did not raise it answers, once. */
  async function answer(user: User, contractId: string, requestId: string, text: string): Promise<PartyRequest> {
    const recording = await facts.recordable(user, contractId);
    const request = await findRequest(facts.db, requestId);
    if (!request || request.contractId !== contractId)
      throw new ProblemError('not-found', `no request ${requestId} on contract ${contractId}`);
    if (recording.side === request.fromSide) {
      throw new ProblemError(
        'own-request',
        `the ${request.fromSide} side raised this request, ` +
          `so only the ${otherSide(request.fromSide)} side may answer it`,
      );
    }
    const answered = await facts.db.transaction(async (tx) => {
      const done = await answerRequest(tx, request.id, {
        answer: text,
        userId: user.id,
        at: new Date(facts.now()).toISOString(),
      });
      if (!done)
        throw new ProblemError(
          'already-answered',
          `request ${request.id} is already answered${request.answeredAt ? ` (at ${request.answeredAt})` : ''}`,
        );
      await facts.audit(tx, recording, 'request.answered', { requestId: done.id });
      return done;
    });
    await facts.signalWorkflow(contractId, 'request.answered', (handle) =>
      handle.signal(itemClosedSignal, { kind: 'request', id: answered.id }),
    );
    return answered;
  }

  const list = async (user: User, contractId: string, status?: 'open' | 'answered'): Promise<PartyRequest[]> =>
    listRequests(facts.db, (await facts.readable(user, contractId)).id, status);

  return { raise, answer, list };
}
