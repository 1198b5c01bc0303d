import { addDays } from '../../domain/calendar';
import { policyToday } from '../../domain/obligations';
import { contractWorkflowId } from '../../messages/contract-messages';
import { activeContract, createWorld, draftContract, eventually, World } from '../support/fixtures';
import { ApiResponse, startStack, TestStack } from '../support/stack';
import {
  contractFacts,
  expectProblem,
  meetingBody,
  referralBody,
  termEnd,
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

const { newContract, contractOfItsOwn, factCounts, post, get, contractId } = contractFacts(
  () => stack,
  () => world,
);
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

  it('names the out-of-range field and its bound as a validation error, so a form shows it beside the field', async () => {
    const late = await post('/visits', world.medical.liaisonToken, visitBody({ visitDate: tomorrow() }));
    expect(late.body.errors).toEqual([
      { path: 'body.visitDate', code: 'too_big', limit: today, message: expect.stringContaining(tomorrow()) },
    ]);
    const early = await post('/surveys', world.care.liaisonToken, {
      surveyDate: addDays(termStart, -1),
      respondents: 3,
      summary: 's',
      needs: [],
    });
    expect(early.body.errors).toEqual([
      { path: 'body.surveyDate', code: 'too_small', limit: termStart, message: expect.any(String) },
    ]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const referral = await post('/referrals', world.medical.liaisonToken, { ...referralBody(5), respondedAt: future });
    expect(referral.body.errors).toEqual([
      { path: 'body.respondedAt', code: 'too_big', limit: expect.any(String), message: expect.any(String) },
    ]);
  });

  it("names the API's own checks by a stable code, so a form words them in its reader's language", async () => {
    const oneSided = await post(
      '/meetings',
      world.care.liaisonToken,
      meetingBody({
        attendees: [
          { name: '张院长', side: 'care' },
          { name: '李护士长', side: 'care' },
        ],
      }),
    );
    expect(oneSided.status).toBe(400);
    expect(oneSided.body.errors).toEqual([
      { path: 'body.attendees', code: 'attendee-from-each-side', message: expect.stringContaining('medical side') },
    ]);
    const { requestedAt } = referralBody(5);
    const backwards = await post('/referrals', world.medical.liaisonToken, {
      ...referralBody(5),
      respondedAt: new Date(Date.parse(requestedAt) - 60_000).toISOString(),
    });
    expect(backwards.body.errors).toEqual([
      { path: 'body.respondedAt', code: 'not-before-requested', message: expect.any(String) },
    ]);
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
    const policyTodayNow = () =>
      policyToday({ anchorMs: new Date(row.clock_anchor).getTime(), timeScale: 86_400 }, Date.now());
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
    // The contract says which day that is, so a form need not compute its clock.
    const before = policyTodayNow();
    const shown = (await stack.call('GET', `/contracts/${contract.id}`, { token: fast.medical.liaisonToken })).body;
    expect(shown.policyToday >= before && shown.policyToday <= policyTodayNow()).toBe(true);
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

    const history = await stack.temporal.workflow.getHandle(contractWorkflowId(contractId())).fetchHistory();
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
