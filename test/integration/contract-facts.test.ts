import { requestAnswerDueDate } from '../../domain/obligations';
import { countRows } from '../support/db-counts';
import { createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';
import {
  contractFacts,
  expectProblem,
  meetingBody,
  referralBody,
  termStart,
  today,
  visitBody,
  yesterday,
} from '../support/contract-facts';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { timeScale: 1 });
});
afterAll(async () => stack?.stop());

const { contractOfItsOwn, factCounts, post, get, contractId } = contractFacts(
  () => stack,
  () => world,
);

describe('home visits', () => {
  contractOfItsOwn();

  it('records visits with an audit entry and lists them by date', async () => {
    const later = await post('/visits', world.medical.liaisonToken, visitBody());
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({
      contractId: contractId(),
      visitDate: yesterday,
      staff: [{ title: '主治医师' }],
      residentsSeen: 12,
      hours: 3.5,
    });
    const earlier = await post(
      '/visits',
      world.care.partyToken,
      visitBody({ visitDate: termStart, hours: 1.25, notes: 'first visit' }),
    );
    expect(earlier.status).toBe(201);

    const list = await get('/visits', world.regulatorToken);
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([earlier.body.id, later.body.id]);
    expect(list.body.items[0]).toMatchObject({ hours: 1.25, notes: 'first visit' });

    const audit = await get('/audit', world.regulatorToken);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'visit.recorded',
        details: expect.objectContaining({ visitId: later.body.id }),
      }),
    );
  });

  it('answers a retry with the same Idempotency-Key with the first record and writes nothing', async () => {
    const first = await post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 7 }), 'visit-retry-1');
    expect(first.status).toBe(201);
    const before = await factCounts();
    const retry = await post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 7 }), 'visit-retry-1');
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await factCounts()).toEqual(before);
    expect(await countRows(stack.db, 'visits', { contract_id: contractId(), idempotency_key: 'visit-retry-1' })).toBe(
      1,
    );
  });

  it('creates one row for two concurrent requests with the same key', async () => {
    const [a, b] = await Promise.all(
      [0, 1].map(() => post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 9 }), 'visit-race')),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(a!.body.id).toBe(b!.body.id);
    expect(await countRows(stack.db, 'visits', { contract_id: contractId(), idempotency_key: 'visit-race' })).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    expect((await post('/visits', world.medical.liaisonToken, visitBody(), 'visit-reused')).status).toBe(201);
    const before = await factCounts();
    const res = await post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 99 }), 'visit-reused');
    expectProblem(res, 422, 'idempotency-key-reused', /visit-reused.*different request body/);
    expect(await factCounts()).toEqual(before);
  });
});

describe('docking meetings and action items', () => {
  contractOfItsOwn();

  async function recordMeeting() {
    const res = await post('/meetings', world.care.liaisonToken, meetingBody(), 'meeting-1');
    expect(res.status).toBe(201);
    return res.body;
  }

  it('records a meeting with its action items in one go and lists them', async () => {
    const meeting = await recordMeeting();
    expect(meeting.actionItems).toHaveLength(2);
    expect(meeting.actionItems[0]).toMatchObject({ meetingId: meeting.id, ownerSide: 'care', status: 'open' });
    expect(await countRows(stack.db, 'action_items', { meeting_id: meeting.id })).toBe(2);

    const list = await get('/meetings', world.regulatorToken);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: meeting.id,
        actionItems: expect.arrayContaining([
          expect.objectContaining({ description: 'Share the chronic-disease roster' }),
        ]),
      }),
    ]);
  });

  it('creates the action items only with the first insert of an idempotent retry', async () => {
    const meeting = await recordMeeting();
    const before = await factCounts();
    const retry = await post('/meetings', world.care.liaisonToken, meetingBody(), 'meeting-1');
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(meeting.id);
    expect(retry.body.actionItems.map((i: { id: string }) => i.id).sort()).toEqual(
      meeting.actionItems.map((i: { id: string }) => i.id).sort(),
    );
    expect(await factCounts()).toEqual(before);
  });

  it('completes an action item once; a second completion is a 409 that writes nothing', async () => {
    const meeting = await recordMeeting();
    const itemId = meeting.actionItems[0].id;
    const done = await post(`/action-items/${itemId}/completion`, world.care.partyToken);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: itemId, status: 'done', completedAt: expect.any(String) });

    const before = await factCounts();
    expectProblem(
      await post(`/action-items/${itemId}/completion`, world.medical.partyToken),
      409,
      'already-completed',
      /already done/,
    );
    expect(await factCounts()).toEqual(before);

    const open = await get('/action-items?status=open', world.medical.liaisonToken);
    expect(open.body.items.map((i: { id: string }) => i.id)).toEqual([meeting.actionItems[1].id]);
    const closed = await get('/action-items?status=done', world.medical.liaisonToken);
    expect(closed.body.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
  });
});

describe('demand surveys', () => {
  contractOfItsOwn();

  it('records a survey and lists it', async () => {
    const res = await post('/surveys', world.care.liaisonToken, {
      surveyDate: yesterday,
      respondents: 40,
      summary: 'Residents want more rehabilitation',
      needs: ['康复护理', '中医理疗'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ respondents: 40, needs: ['康复护理', '中医理疗'] });
    const list = await get('/surveys', world.care.partyToken);
    expect(list.body.items).toEqual([expect.objectContaining({ id: res.body.id, surveyDate: yesterday })]);
  });
});

describe('requests between the parties', () => {
  contractOfItsOwn();

  const ANSWER = 'Call the emergency line 120, then Dr. Li.';
  async function raiseFromCare() {
    const res = await post('/requests', world.care.liaisonToken, {
      subject: 'Night-time on-call doctor',
      body: 'Who do we call after 22:00?',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it("raises a request from the caller's side with an answer deadline in policy working days", async () => {
    const res = await post('/requests', world.care.liaisonToken, {
      subject: 'Night-time on-call doctor',
      body: 'Who do we call after 22:00?',
    });
    expect(res.status).toBe(201);
    const { policy } = await stack.db('contracts').where({ id: contractId() }).first();
    expect(res.body).toMatchObject({
      fromSide: 'care',
      raisedDate: today,
      answerDueDate: requestAnswerDueDate(today, policy),
      status: 'open',
    });
  });

  it('refuses an answer from the side that raised it (403) and writes nothing', async () => {
    const requestId = await raiseFromCare();
    const before = await factCounts();
    expectProblem(
      await post(`/requests/${requestId}/answer`, world.care.partyToken, { answer: 'ourselves' }),
      403,
      'own-request',
      /care side raised this request.*medical side/,
    );
    expect(await factCounts()).toEqual(before);
    expect((await stack.db('requests').where({ id: requestId }).first()).answered_at).toBeNull();
  });

  it('accepts the answer of the other side once; a second answer is a 409 that writes nothing', async () => {
    const requestId = await raiseFromCare();
    const res = await post(`/requests/${requestId}/answer`, world.medical.liaisonToken, { answer: ANSWER });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: requestId, status: 'answered', answer: ANSWER });

    const before = await factCounts();
    expectProblem(
      await post(`/requests/${requestId}/answer`, world.medical.partyToken, { answer: 'again' }),
      409,
      'already-answered',
    );
    expect(await factCounts()).toEqual(before);
    expect((await stack.db('requests').where({ id: requestId }).first()).answer).toBe(ANSWER);
  });

  it('filters requests by status', async () => {
    const answered = await raiseFromCare();
    expect((await post(`/requests/${answered}/answer`, world.medical.liaisonToken, { answer: ANSWER })).status).toBe(
      200,
    );
    const open = await post('/requests', world.medical.partyToken, {
      subject: 'Resident list',
      body: 'Please send the updated list.',
    });
    expect(
      (await get('/requests?status=answered', world.regulatorToken)).body.items.map((r: { id: string }) => r.id),
    ).toEqual([answered]);
    expect(
      (await get('/requests?status=open', world.regulatorToken)).body.items.map((r: { id: string }) => r.id),
    ).toEqual([open.body.id]);
    expect((await get('/requests', world.regulatorToken)).body.items).toHaveLength(2);
  });
});

describe('emergency referrals', () => {
  contractOfItsOwn();

  it('records a response over the target as not within target', async () => {
    const res = await post('/referrals', world.medical.liaisonToken, referralBody(40));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      responseSeconds: 2400,
      responseMinutes: 40,
      targetMinutes: 15,
      withinTarget: false,
      requestedAt: new Date(referralBody(40).requestedAt).toISOString(),
    });
  });

  it('records a quick response as within target, to one decimal, and lists referrals in the order requested', async () => {
    expect((await post('/referrals', world.medical.liaisonToken, referralBody(40))).status).toBe(201);
    const res = await post('/referrals', world.medical.liaisonToken, referralBody(8.5));
    expect(res.body).toMatchObject({ responseMinutes: 8.5, withinTarget: true });
    const list = await get('/referrals', world.regulatorToken);
    expect(list.body.items.map((r: { responseMinutes: number }) => r.responseMinutes)).toEqual([40, 8.5]);
  });
});
