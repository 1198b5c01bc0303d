import type { CapturedMail } from '../../platform/mail-catcher';
import { activeContract, createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';
import { termFromToday } from '../support/term-dates';

// A policy day passes in ~67 ms: the term's first month closes 6–8 s after drafting.
const TIME_SCALE = 1_296_000;
// The contract's calendar starts at today's date: its term starts on the first 1st of a month at
// least 60 policy days (4 s, time to sign) after it.
const { termStart, termEnd, monthOf } = termFromToday({ startsOn: 'month', headStartDays: 60, months: 12 });

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, {
    timeScale: TIME_SCALE,
    signing: { windowDays: 60 },
    obligations: { escalation: { notifyRegulatorAfterConsecutiveMisses: 3 } },
  });
});
afterAll(async () => stack?.stop());

it('a region that reports the third consecutive miss gets warnings stating its own number, in both languages', async () => {
  const contract = await activeContract(stack, world, { termStart, termEnd });
  const isWarning = (m: CapturedMail) =>
    m.headers['x-carepact-template'] === 'obligation-missed-warning' &&
    m.text!.includes(contract.id) &&
    m.text!.includes(monthOf(0));
  const warnings = await stack.mail.waitFor(isWarning, { count: 2, timeoutMs: 30_000 });
  const byRecipient = Object.fromEntries(warnings.map((m) => [m.envelopeTo[0], m.text!]));
  expect(byRecipient[world.care.liaisonEmail]).toContain('如继续未履行：连续三期未履行的，将报告区县监管部门');
  expect(byRecipient[world.care.liaisonEmail]).not.toContain('连续两期');
  expect(byRecipient[world.medical.liaisonEmail]).toContain(
    'If the misses go on: a third consecutive miss is reported to the district regulator',
  );
  expect(byRecipient[world.medical.liaisonEmail]).not.toContain('second consecutive');
});
