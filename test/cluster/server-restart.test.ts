import { addDays } from '../../domain/calendar';
import type { CapturedMail } from '../../platform/mail-catcher';
import { startLocalStack, type LocalStack } from '../../scripts/local-stack';
import { activeContract, createWorld, type World } from '../support/fixtures';
import { until } from '../support/cycle-drill';
import { localStackApi } from '../support/local-stack-api';
import { policyClockOf } from '../support/policy-time';
import { termFromToday } from '../support/term-dates';

/**
 * Drill (issue 14): the Temporal server stops in the middle of a contract's year and stays down
 * for about a hundred policy days. When it is back, every timer that fell due meanwhile fires, in
 * calendar order: each month of the year is closed and reminded once, none skipped or doubled.
 */
// One policy day in 200 ms: the year passes in about 75 s, and 20 s down is a hundred days.
const TIME_SCALE = 432_000;
const DOWN_MS = 20_000;
// The contract's calendar starts at today's date: the year is the 12 months from the first quarter
// that starts at least 30 policy days (6 s, time to sign) after it, up to ~24 s idle before.
const { termStart, termEnd, dayIn, monthOf, quarterOf } = termFromToday({
  startsOn: 'quarter',
  headStartDays: 30,
  months: 12,
});
const MONTHS = Array.from({ length: 12 }, (_, i) => monthOf(i));

let stack: LocalStack;
let world: World;
const api = () => localStackApi(stack);
beforeAll(async () => {
  stack = await startLocalStack({ temporalMode: 'cluster', workerProcesses: 2 });
  world = await createWorld(api(), { timeScale: TIME_SCALE, signing: { windowDays: 60 } });
}, 300_000);
afterAll(async () => stack?.stop(), 120_000);

const template = (m: CapturedMail) => m.headers['x-carepact-template'];
/** The outbox key a mail went under, from its Message-ID: `contract.<id>.visit.<YYYY-MM>.reminder.<user>`. */
const visitMonthOf = (m: CapturedMail) => /\.visit\.(\d{4}-\d{2})\./.exec(m.messageId ?? '')?.[1];

it('the Temporal server stopped mid-year: every timer still fires, in order, once', async () => {
  const contract = await activeContract(api(), world, { termStart, termEnd });
  const time = policyClockOf(contract, TIME_SCALE);

  await time.sleepUntil(dayIn(4, 20));
  const stopping = Date.now();
  await stack.temporalServer.cluster!.stopServer();
  const stopped = Date.now();
  await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
  await stack.temporalServer.cluster!.startServer();
  const restarted = Date.now();

  const expired = await until(
    async () => {
      const res = await api().call('GET', `/contracts/${contract.id}`, { token: world.regulatorToken });
      return res.body.status === 'expired' && res.body;
    },
    'the contract to expire',
    time.realInstant(addDays(termEnd, 1)) - Date.now() + 90_000,
  );
  expect(expired.closeReason).toContain(termEnd);

  // Every period of the year closed once (the key is unique: a double would be refused, not
  // stored), each no earlier than its end (give or take a second of rounding between the
  // workflow's timers and PostgreSQL's now()), and all in calendar order of their ends.
  const periods: { obligation: string; period_key: string; end_date: string; closed_at: Date }[] = await stack
    .db('obligation_periods')
    .where({ contract_id: contract.id })
    .orderBy([{ column: 'closed_at' }, { column: 'end_date' }]);
  expect(periods.filter((p) => p.obligation === 'visit').map((p) => p.period_key)).toEqual(MONTHS);
  expect(periods.filter((p) => p.obligation === 'meeting').map((p) => p.period_key)).toEqual([
    quarterOf(0),
    quarterOf(1),
    quarterOf(2),
    quarterOf(3),
  ]);
  const ends = periods.map((p) => p.end_date);
  expect(ends).toEqual([...ends].sort());
  for (const p of periods)
    expect(p.closed_at.getTime()).toBeGreaterThanOrEqual(time.realInstant(addDays(p.end_date, 1)) - 1000);
  // The months whose close fell due while the server was down closed once it was back, none lost.
  const dueWhileDown = periods.filter((p) => {
    const due = time.realInstant(addDays(p.end_date, 1));
    return p.obligation === 'visit' && due > stopped && due < restarted;
  });
  expect(dueWhileDown.length).toBeGreaterThanOrEqual(2);
  for (const p of dueWhileDown) expect(p.closed_at.getTime()).toBeGreaterThanOrEqual(stopped);

  // No visit was ever recorded: each month reminds both liaisons once and escalates once, in order.
  const escalations: { level: string; subject: string }[] = await stack
    .db('escalations')
    .where({ contract_id: contract.id })
    .where('subject', 'like', 'visit:%')
    .orderBy('created_at');
  expect(escalations.map((e) => `${e.level} ${e.subject}`)).toEqual(
    MONTHS.map((m, i) => `${i === 0 ? 'warning' : 'regulator-notice'} visit:${m}`),
  );
  const aboutContract = (m: CapturedMail) => m.messageId?.includes(contract.id);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // anything late or doubled would arrive now
  const mails = stack.mail.mails().filter(aboutContract);
  expect(mails.length).toBe(new Set(mails.map((m) => m.messageId)).size);
  for (const liaison of [world.medical.liaisonEmail, world.care.liaisonEmail]) {
    const to = mails.filter((m) => m.envelopeTo.includes(liaison));
    for (const notice of ['obligation-reminder', 'obligation-missed-warning', 'obligation-missed-regulator-notice'])
      expect({
        liaison,
        notice,
        months: to
          .filter((m) => template(m) === notice)
          .map(visitMonthOf)
          .filter(Boolean),
      }).toEqual({
        liaison,
        notice,
        months:
          notice === 'obligation-reminder'
            ? MONTHS
            : notice === 'obligation-missed-warning'
              ? MONTHS.slice(0, 1)
              : MONTHS.slice(1),
      });
    expect(to.filter((m) => template(m) === 'contract-expired')).toHaveLength(1);
  }
  console.log(
    `server stop took ${stopped - stopping} ms, down ${DOWN_MS} ms, start took ${restarted - stopped - DOWN_MS} ms; ` +
      `late visit closes: ${dueWhileDown.map((p) => `${p.period_key} +${p.closed_at.getTime() - restarted} ms`).join(', ')}`,
  );
}, 600_000);
