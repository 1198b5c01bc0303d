import { isValidLocalDate, periodFromKey, type Period, type PeriodKind } from '../domain/calendar';
import { obligationKinds } from '../domain/obligations';
import type { Policy } from '../domain/policy';

/**
 * Notices the supervision engine sends, in the recipient's language. Each one states what is
 * required, by when (an inclusive Asia/Shanghai date) and what happens otherwise. The escalation
 * wording states the contract's own ladder (domain/policy.ts; project default: 1st miss → warning to
 * both liaison officers, 2nd in a row → district regulator), never a fixed number.
 */
export type Locale = 'zh-CN' | 'en';

export const noticeNames = [
  'obligation-reminder',
  'obligation-missed-warning',
  'obligation-missed-regulator-notice',
  'request-reminder',
  'request-overdue',
  'action-item-reminder',
  'action-item-overdue',
  'renewal-reminder',
  'contract-renewed',
  'contract-expired',
] as const;
export type NoticeName = (typeof noticeNames)[number];

export type { Obligation } from '../domain/obligations';
import type { Obligation } from '../domain/obligations';

/** The numbers of the contract's policy that obligation notices state. */
export interface Ladder {
  warnAfterMisses: number;
  regulatorAfterConsecutiveMisses: number;
  evaluationsPerYear: number;
}

export const ladderOf = (policy: Pick<Policy, 'obligations' | 'evaluation'>): Ladder => ({
  warnAfterMisses: policy.obligations.escalation.warnAfterMisses,
  regulatorAfterConsecutiveMisses: policy.obligations.escalation.notifyRegulatorAfterConsecutiveMisses,
  evaluationsPerYear: policy.evaluation.cyclesPerYear,
});

export interface NoticeParams {
  recipientName: string;
  medicalName: string;
  careName: string;
  contractUrl: string;
  obligation?: Obligation;
  /** 2027-03, 2027-Q1, 2027 */
  periodKey?: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  required?: number;
  actual?: number;
  consecutiveMisses?: number;
  /** Request subject or action-item description. */
  subject?: string;
  ownerName?: string;
  termEnd?: string;
  newTermEnd?: string;
  /** Needed by obligation notices, which state the escalation ladder. */
  ladder?: Ladder;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  /** For reminders: the deadline as a calendar entry (feed to buildIcs). */
  ics?: { summary: string; description: string; date: string };
}

// ---------------------------------------------------------------------------------------------
// Parameters: a notice with a silent "undefined" in it is worse than a failed activity.

export type TextKey =
  'recipientName' | 'medicalName' | 'careName' | 'contractUrl' | 'subject' | 'ownerName' | 'periodKey';
export type DateKey = 'dueDate' | 'termEnd' | 'newTermEnd';
export type CountKey = 'required' | 'actual' | 'consecutiveMisses';

// Which periods each obligation is measured over (domain/obligations.ts periodKindOf).
export const PERIOD_KINDS: Record<Obligation, readonly PeriodKind[]> = {
  visit: ['month'],
  meeting: ['month', 'quarter'],
  survey: ['year'],
  'monthly-meeting': ['month'],
  reexam: ['quarter'],
  'health-talk': ['year'],
  referral: ['month'],
};

export function paramReader(name: NoticeName, p: NoticeParams) {
  const fail = (key: string, expected: string, got: unknown): never => {
    throw new Error(
      `Notice "${name}" needs params.${key} as ${expected}; got ${got === undefined ? 'nothing' : JSON.stringify(got)}`,
    );
  };
  const text = (key: TextKey): string => {
    const value: unknown = p[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fail(key, 'a non-empty string', value);
  };
  const date = (key: DateKey): string => {
    const value: unknown = p[key];
    return isValidLocalDate(value) ? value : fail(key, 'a YYYY-MM-DD date', value);
  };
  const optionalDate = (key: DateKey): string | undefined => (p[key] === undefined ? undefined : date(key));
  const count = (key: CountKey, min: number): number => {
    const value: unknown = p[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= min
      ? value
      : fail(key, `a whole number ≥ ${min}`, value);
  };
  const optionalCount = (key: CountKey, min: number): number | undefined =>
    p[key] === undefined ? undefined : count(key, min);
  const obligation = (): Obligation => {
    const value: unknown = p.obligation;
    return (obligationKinds as readonly unknown[]).includes(value)
      ? (value as Obligation)
      : fail('obligation', `one of ${obligationKinds.map((k) => `"${k}"`).join(', ')}`, value);
  };
  const period = (of: Obligation): Period => {
    const key = text('periodKey');
    let parsed: Period | undefined;
    try {
      parsed = periodFromKey(key);
    } catch {
      parsed = undefined;
    }
    const kinds = PERIOD_KINDS[of];
    return parsed && kinds.includes(parsed.kind)
      ? parsed
      : fail('periodKey', `a ${kinds.join(' or ')} key for obligation "${of}" (e.g. 2027-03, 2027-Q1, 2027)`, key);
  };
  /** Home visits must always say how many are required and recorded; meetings and surveys default to 1 required. */
  const counts = (of: Obligation): { required: number; actual?: number } => {
    if (of === 'visit') return { required: count('required', 1), actual: count('actual', 0) };
    const actual = optionalCount('actual', 0);
    return { required: optionalCount('required', 1) ?? 1, ...(actual === undefined ? {} : { actual }) };
  };
  const ladder = (): Ladder => {
    const value: unknown = p.ladder;
    const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;
    const l = value as Ladder;
    return typeof value === 'object' &&
      value !== null &&
      whole(l.warnAfterMisses) &&
      whole(l.regulatorAfterConsecutiveMisses) &&
      whole(l.evaluationsPerYear)
      ? l
      : fail(
          'ladder',
          '{ warnAfterMisses, regulatorAfterConsecutiveMisses, evaluationsPerYear } whole numbers ≥ 1',
          value,
        );
  };
  return { text, date, optionalDate, count, optionalCount, obligation, period, counts, ladder };
}

export type Reader = ReturnType<typeof paramReader>;
