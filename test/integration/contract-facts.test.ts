import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { policyToday, requestAnswerDueDate } from '../../domain/obligations';
import { contractWorkflowId } from '../../messages/contract-messages';
import { countRows } from '../support/db-counts';
import { activeContract, createWorld, draftContract, eventually, World } from '../support/fixtures';
import { ApiResponse, startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;
let contractId: string;

// Real time (timeScale 1) and a term around today, so "yesterday" is a valid fact date.
const today = shanghaiDateOf(Date.now());
const yesterday = addDays(today, -1);
const termStart = addDays(today, -30);
const termEnd = addDays(today, 730);
const shanghaiInstant = (date: string, time: string) => `${date}T${time}+08:00`;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { timeScale: 1 });
});
afterAll(async () => stack?.stop());

const newContract = async () => {
  contractId = (await activeContract(stack, world, { termStart, termEnd })).id;
};
/** Each test of the describe calling this gets an active contract of its own: no test sees another's facts. */
const contractOfItsOwn = () => beforeEach(newContract);

const FACT_TABLES = ['visits', 'meetings', 'action_items', 'surveys', 'requests', 'referrals', 'audit_log'] as const;

async function factCounts() {
  return Object.fromEntries(await Promise.all(FACT_TABLES.map(async (t) => [t, await countRows(stack.db, t)])));
}

function post(
  path: string,
  token: string,
  body?: unknown,
  idempotencyKey?: string,
  id = contractId,
): Promise<ApiResponse> {
  return stack.call('POST', `/contracts/${id}${path}`, {
    token,
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

const get = (path: string, token: string) => stack.call('GET', `/contracts/${contractId}${path}`, { token });

function expectProblem(res: ApiResponse, status: number, type: string, detail?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/problem+json');
  expect(res.body.type).toBe(`/problems/${type}`);
  if (detail) expect(res.body.detail).toMatch(detail);
}

const visitBody = (overrides: Record<string, unknown> = {}) => ({
  visitDate: yesterday,
  staff: [{ name: '王医生', title: '主治医师' }],
  services: ['血压测量', '慢病随访'],
  residentsSeen: 12,
  chronicDiseaseReexams: 4,
  hours: 3.5,
  ...overrides,
});

const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  meetingDate: yesterday,
  attendees: [
    { name: 'Dr. Li', side: 'medical', role: 'liaison officer' },
    { name: '张院长', side: 'care' },
  ],
  minutes: 'Reviewed the visit schedule for the quarter.',
  actionItems: [
    {
      description: 'Share the chronic-disease roster',
      ownerSide: 'care',
      ownerName: '张院长',
      dueDate: addDays(today, 7),
    },
    {
      description: 'Schedule a fall-prevention talk',
      ownerSide: 'medical',
      ownerName: 'Dr. Li',
      dueDate: addDays(today, 14),
    },
  ],
  ...overrides,
});

const referralBody = (minutes: number) => ({
  residentRef: 'R-0042',
  reason: 'Suspected stroke',
  requestedAt: shanghaiInstant(yesterday, '10:00:00'),
  respondedAt: new Date(Date.parse(shanghaiInstant(yesterday, '10:00:00')) + minutes * 60_000).toISOString(),
  destination: 'Central Hospital emergency department',
});

describe('home visits', () => {
  contractOfItsOwn();

  it('records visits with an audit entry and lists them by date', async () => {
    const later = await post('/visits', world.medical.liaisonToken, visitBody());
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({
      contractId,
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
    expect(await countRows(stack.db, 'visits', { contract_id: contractId, idempotency_key: 'visit-retry-1' })).toBe(1);
  });

  it('creates one row for two concurrent requests with the same key', async () => {
    const [a, b] = await Promise.all(
      [0, 1].map(() => post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 9 }), 'visit-race')),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(a!.body.id).toBe(b!.body.id);
    expect(await countRows(stack.db, 'visits', { contract_id: contractId, idempotency_key: 'visit-race' })).toBe(1);
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
    const { policy } = await stack.db('contracts').where({ id: contractId }).first();
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

describe('refused facts write nothing', () => {
  const tomorrow = () => addDays(today, 1);
  let outsider: World;
  let draftId: string;
  // Refusals write nothing, so these cases may share one contract.
  beforeAll(newContract);
  beforeAll(async () => {
    outsider = await createWorld(stack);
    draftId = (await draftContract(stack, world, { termStart, termEnd })).id;
  });
  const cases: [string, () => Promise<ApiResponse>, number, string, RegExp][] = [
    [
      'a visit dated in the future',
      () => post('/visits', world.medical.liaisonToken, visitBody({ visitDate: tomorrow() })),
      422,
      'fact-out-of-range',
      new RegExp(`visitDate ${tomorrow()}.*from ${termStart} to ${today}`),
    ],
    [
      'a visit before the term',
      () => post('/visits', world.medical.liaisonToken, visitBody({ visitDate: addDays(termStart, -1) })),
      422,
      'fact-out-of-range',
      /visitDate .* out of range/,
    ],
    [
      'a meeting dated in the future',
      () => post('/meetings', world.care.liaisonToken, meetingBody({ meetingDate: tomorrow() })),
      422,
      'fact-out-of-range',
      /meetingDate/,
    ],
    [
      'a survey before the term',
      () =>
        post('/surveys', world.care.liaisonToken, {
          surveyDate: addDays(termStart, -10),
          respondents: 3,
          summary: 's',
          needs: [],
        }),
      422,
      'fact-out-of-range',
      /surveyDate/,
    ],
    [
      'a referral answered in the future',
      () =>
        post('/referrals', world.medical.liaisonToken, {
          ...referralBody(5),
          respondedAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      422,
      'fact-out-of-range',
      /respondedAt .* is out of range/,
    ],
    [
      'a referral answered before it was requested',
      () => post('/referrals', world.medical.liaisonToken, referralBody(-5)),
      400,
      'validation-failed',
      /body\.respondedAt: respondedAt must not be before requestedAt/,
    ],
    [
      'a visit with missing fields',
      () => post('/visits', world.medical.liaisonToken, { visitDate: yesterday }),
      400,
      'validation-failed',
      /body\.staff.*body\.services.*body\.residentsSeen.*body\.chronicDiseaseReexams.*body\.hours/s,
    ],
    [
      'a visit with wrong types',
      () => post('/visits', world.medical.liaisonToken, visitBody({ residentsSeen: 'many', hours: 25, staff: [] })),
      400,
      'validation-failed',
      /body\.staff.*body\.residentsSeen.*body\.hours/s,
    ],
    [
      'a meeting with one side only',
      () =>
        post(
          '/meetings',
          world.care.liaisonToken,
          meetingBody({
            attendees: [
              { name: 'a', side: 'care' },
              { name: 'b', side: 'care' },
            ],
          }),
        ),
      400,
      'validation-failed',
      /at least one attendee from each side.*medical/,
    ],
    [
      'an action item due before the meeting',
      () =>
        post(
          '/meetings',
          world.care.liaisonToken,
          meetingBody({
            actionItems: [{ description: 'd', ownerSide: 'both', ownerName: 'n', dueDate: addDays(yesterday, -1) }],
          }),
        ),
      400,
      'validation-failed',
      /actionItems\.0\.dueDate/,
    ],
    [
      'an Idempotency-Key over 200 characters',
      () =>
        post(
          '/surveys',
          world.care.liaisonToken,
          { surveyDate: yesterday, respondents: 3, summary: 's', needs: [] },
          'k'.repeat(201),
        ),
      400,
      'validation-failed',
      /Idempotency-Key: must be 1–200/,
    ],
    [
      'a regulator recording a visit',
      () => post('/visits', world.regulatorToken, visitBody()),
      403,
      'not-a-party',
      /party or liaison/,
    ],
    [
      'a regulator raising a request',
      () => post('/requests', world.regulatorToken, { subject: 's', body: 'b' }),
      403,
      'not-a-party',
      /party or liaison/,
    ],
    [
      'an outsider recording a visit',
      () => post('/visits', outsider.care.partyToken, visitBody()),
      404,
      'not-found',
      /no contract/,
    ],
    [
      'a fact on a draft contract',
      () => post('/visits', world.medical.liaisonToken, visitBody(), undefined, draftId),
      409,
      'contract-not-active',
      /contract is draft/,
    ],
  ];

  it.each(cases)('%s → problem+json', async (_name, send, status, type, detail) => {
    const before = await factCounts();
    expectProblem(await send(), status, type, detail);
    expect(await factCounts()).toEqual(before);
  });

  it("hides a contract's facts from an outsider and lets its regulator read them", async () => {
    expectProblem(await get('/visits', outsider.regulatorToken), 404, 'not-found');
    expect((await get('/visits', stack.adminToken)).status).toBe(200);
  });
});

describe("the contract's policy time", () => {
  it('judges "not in the future" by the contract\'s compressed today, not the wall clock', async () => {
    const fast = await createWorld(stack, { timeScale: 86_400 });
    const contract = await activeContract(stack, fast, { termStart, termEnd });
    const row = await stack.db('contracts').where({ id: contract.id }).first();
    const policyTodayNow = () => policyToday({ anchorMs: Date.parse(row.clock_anchor), timeScale: 86_400 }, Date.now());
    await eventually(async () => policyTodayNow() >= addDays(today, 2), 'two policy days to pass');

    const ahead = await post(
      '/visits',
      fast.medical.liaisonToken,
      visitBody({ visitDate: addDays(today, 1) }),
      undefined,
      contract.id,
    );
    expect(ahead.status).toBe(201);
    const farAhead = await post(
      '/visits',
      fast.medical.liaisonToken,
      visitBody({ visitDate: addDays(today, 60) }),
      undefined,
      contract.id,
    );
    expectProblem(farAhead, 422, 'fact-out-of-range', /visitDate .* not after the contract's today/);
  });
});

describe('the contract workflow', () => {
  contractOfItsOwn();

  it('is signalled once per new meeting with action items, request, completion and answer; never for a retry or a refusal', async () => {
    const meeting = (await post('/meetings', world.care.liaisonToken, meetingBody(), 'meeting-1')).body;
    expect((await post('/meetings', world.care.liaisonToken, meetingBody(), 'meeting-1')).status).toBe(200);
    const itemId = meeting.actionItems[0].id;
    expect((await post(`/action-items/${itemId}/completion`, world.care.partyToken)).status).toBe(200);
    expect((await post(`/action-items/${itemId}/completion`, world.medical.partyToken)).status).toBe(409);
    const request = await post('/requests', world.care.liaisonToken, {
      subject: 'Night-time on-call doctor',
      body: 'Who do we call after 22:00?',
    });
    expect(
      (
        await post('/requests', world.medical.partyToken, {
          subject: 'Resident list',
          body: 'Please send the updated list.',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(`/requests/${request.body.id}/answer`, world.medical.liaisonToken, { answer: 'Call 120.' })).status,
    ).toBe(200);
    expect(
      (await post(`/requests/${request.body.id}/answer`, world.medical.partyToken, { answer: 'again' })).status,
    ).toBe(409);

    const history = await stack.temporal.workflow.getHandle(contractWorkflowId(contractId)).fetchHistory();
    const signals = (history.events ?? []).flatMap((e) =>
      e.workflowExecutionSignaledEventAttributes ? [e.workflowExecutionSignaledEventAttributes.signalName] : [],
    );
    const count = (name: string) => signals.filter((s) => s === name).length;
    expect({
      actionItemsAdded: count('actionItemsAdded'),
      requestRaised: count('requestRaised'),
      itemClosed: count('itemClosed'),
    }).toEqual({ actionItemsAdded: 1, requestRaised: 2, itemClosed: 2 });
  });
});

describe('the API surface', () => {
  it('describes every fact route in the OpenAPI document', async () => {
    const { body } = await stack.call('GET', '/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/contracts/{id}/visits',
        '/contracts/{id}/meetings',
        '/contracts/{id}/action-items',
        '/contracts/{id}/action-items/{itemId}/completion',
        '/contracts/{id}/surveys',
        '/contracts/{id}/requests',
        '/contracts/{id}/requests/{rid}/answer',
        '/contracts/{id}/referrals',
      ]),
    );
    expect(body.components.schemas.RecordVisit.required).toEqual(
      expect.arrayContaining(['visitDate', 'staff', 'services', 'hours']),
    );
  });
});
