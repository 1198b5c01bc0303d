import type { DashboardPolicy } from './policy';

/** 督查 practice: each contract under supervision shows red, yellow or green (issue 11). */
export const lights = ['red', 'yellow', 'green'] as const;
export type Light = (typeof lights)[number];

/** What the light of one contract goes by, counted over the dashboard's window (or as of today). */
export interface LightSignals {
  /** Obligation periods (visit, meeting, survey) closing in the window that were missed. */
  missedPeriods: number;
  /** Open rectification orders past their deadline today. */
  overdueRectifications: number;
  /** Requests between the parties unanswered past their answer deadline today. */
  overdueRequests: number;
}

export type LightReasonCode = 'rectification-overdue' | 'periods-missed' | 'request-overdue';
export interface LightReason {
  code: LightReasonCode;
  count: number;
  text: { 'zh-CN': string; en: string };
}

const reasonText: Record<LightReasonCode, (n: number) => { 'zh-CN': string; en: string }> = {
  'rectification-overdue': (n) => ({ 'zh-CN': `${n} 项整改已逾期`, en: `${n} rectification order(s) overdue` }),
  'periods-missed': (n) => ({
    'zh-CN': `窗口内 ${n} 个履约周期未达标`,
    en: `${n} obligation period(s) missed in the window`,
  }),
  'request-overdue': (n) => ({
    'zh-CN': `${n} 项诉求逾期未答复`,
    en: `${n} request(s) unanswered past their deadline`,
  }),
};
const reason = (code: LightReasonCode, count: number): LightReason => ({ code, count, text: reasonText[code](count) });

/**
 * The rule, stated once as data: a contract takes the first colour (red, then yellow) of which any
 * condition holds, a condition holding when its signal reaches its threshold. lightOf applies it to one
 * contract; stores/contract-light-sql.ts turns the same list into SQL, so a table can be filtered and paged
 * by light in PostgreSQL.
 */
export interface LightCondition {
  light: Exclude<Light, 'green'>;
  reason: LightReasonCode;
  signal: keyof LightSignals;
  atLeast: number;
}
export function lightConditions(policy: Pick<DashboardPolicy, 'lights'>): LightCondition[] {
  const t = policy.lights;
  return [
    {
      light: 'red',
      reason: 'rectification-overdue',
      signal: 'overdueRectifications',
      atLeast: t.redOverdueRectifications,
    },
    { light: 'red', reason: 'periods-missed', signal: 'missedPeriods', atLeast: t.redMissedPeriods },
    { light: 'yellow', reason: 'periods-missed', signal: 'missedPeriods', atLeast: t.yellowMissedPeriods },
    { light: 'yellow', reason: 'request-overdue', signal: 'overdueRequests', atLeast: t.yellowOverdueRequests },
  ];
}
/** The colours conditions can give, in the order they are tried; green when none holds. */
export const litColours = ['red', 'yellow'] as const;

/** The light and the reasons for it: red before yellow, and only the reasons of the colour given. */
export function lightOf(
  signals: LightSignals,
  policy: Pick<DashboardPolicy, 'lights'>,
): { light: Light; reasons: LightReason[] } {
  const conditions = lightConditions(policy);
  for (const colour of litColours) {
    const reasons = conditions
      .filter((c) => c.light === colour && signals[c.signal] >= c.atLeast)
      .map((c) => reason(c.reason, signals[c.signal]));
    if (reasons.length > 0) return { light: colour, reasons };
  }
  return { light: 'green', reasons: [] };
}

/** The rule as people read it on the page, from the same thresholds lightOf applies. */
export function lightRule(policy: Pick<DashboardPolicy, 'lights'>): { 'zh-CN': string; en: string } {
  const t = policy.lights;
  return {
    'zh-CN':
      `红灯：逾期整改 ≥ ${t.redOverdueRectifications} 项，或窗口内未达标履约周期 ≥ ${t.redMissedPeriods} 个；` +
      `黄灯：未达标履约周期 ≥ ${t.yellowMissedPeriods} 个，或逾期未答复诉求 ≥ ${t.yellowOverdueRequests} 项；` +
      '绿灯：其余。',
    en:
      `Red: at least ${t.redOverdueRectifications} rectification order(s) past deadline, ` +
      `or at least ${t.redMissedPeriods} obligation periods missed in the window; ` +
      `yellow: at least ${t.yellowMissedPeriods} period(s) missed, ` +
      `or at least ${t.yellowOverdueRequests} request(s) unanswered past deadline; green: otherwise.`,
  };
}
