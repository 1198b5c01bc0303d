import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { countRows } from './db-counts';
import { activeContract, World } from './fixtures';
import type { ApiResponse, TestStack } from './stack';

// Real time (timeScale 1) and a term around today, so "yesterday" is a valid fact date.
export const today = shanghaiDateOf(Date.now());
export const yesterday = addDays(today, -1);
export const termStart = addDays(today, -30);
export const termEnd = addDays(today, 730);
export const shanghaiInstant = (date: string, time: string) => `${date}T${time}+08:00`;

export function expectProblem(res: ApiResponse, status: number, type: string, detail?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/problem+json');
  expect(res.body.type).toBe(`/problems/${type}`);
  if (detail) expect(res.body.detail).toMatch(detail);
}

export const visitBody = (overrides: Record<string, unknown> = {}) => ({
  visitDate: yesterday,
  staff: [{ name: '王医生', title: '主治医师' }],
  services: ['血压测量', '慢病随访'],
  residentsSeen: 12,
  chronicDiseaseReexams: 4,
  hours: 3.5,
  ...overrides,
});

export const meetingBody = (overrides: Record<string, unknown> = {}) => ({
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

export const referralBody = (minutes: number) => ({
  residentRef: 'R-0042',
  reason: 'Suspected stroke',
  requestedAt: shanghaiInstant(yesterday, '10:00:00'),
  respondedAt: new Date(Date.parse(shanghaiInstant(yesterday, '10:00:00')) + minutes * 60_000).toISOString(),
  destination: 'Central Hospital emergency department',
});

/**
 * Helpers over a test file's stack and world (set in its beforeAll) and the contract of the
 * running test: `newContract` gives the test an active contract of its own.
 */
export function contractFacts(stackOf: () => TestStack, worldOf: () => World) {
  let contractId = '';
  const newContract = async () => {
    contractId = (await activeContract(stackOf(), worldOf(), { termStart, termEnd })).id;
  };
  /** Each test of the describe calling this gets an active contract of its own: no test sees another's facts. */
  const contractOfItsOwn = () => beforeEach(newContract);

  const FACT_TABLES = ['visits', 'meetings', 'action_items', 'surveys', 'requests', 'referrals', 'audit_log'] as const;

  async function factCounts() {
    return Object.fromEntries(await Promise.all(FACT_TABLES.map(async (t) => [t, await countRows(stackOf().db, t)])));
  }

  function post(
    path: string,
    token: string,
    body?: unknown,
    idempotencyKey?: string,
    id = contractId,
  ): Promise<ApiResponse> {
    return stackOf().call('POST', `/contracts/${id}${path}`, {
      token,
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    });
  }

  const get = (path: string, token: string) => stackOf().call('GET', `/contracts/${contractId}${path}`, { token });
  return { newContract, contractOfItsOwn, factCounts, post, get, contractId: () => contractId };
}
