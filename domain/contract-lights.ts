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

/** The light and the reasons for it: red before yellow, and only the reasons of the colour given. */
export function lightOf(
  signals: LightSignals,
  policy: Pick<DashboardPolicy, 'lights'>,
): { light: Light; reasons: LightReason[] } {
  const t = policy.lights;
  const red = [
    ...(signals.overdueRectifications >= t.redOverdueRectifications
      ? [reason('rectification-overdue', signals.overdueRectifications)]
      : []),
    ...(signals.missedPeriods >= t.redMissedPeriods ? [reason('periods-missed', signals.missedPeriods)] : []),
  ];
  if (red.length > 0) return { light: 'red', reasons: red };
  const yellow = [
    ...(signals.missedPeriods >= t.yellowMissedPeriods ? [reason('periods-missed', signals.missedPeriods)] : []),
    ...(signals.overdueRequests >= t.yellowOverdueRequests ? [reason('request-overdue', signals.overdueRequests)] : []),
  ];
  if (yellow.length > 0) return { light: 'yellow', reasons: yellow };
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
