import { parseLocalDate, type Period } from '../domain/calendar';
import type { Ladder, Obligation } from './notice-params';
// ---------------------------------------------------------------------------------------------
// Wording shared by the templates.

export interface Parties {
  recipient: string;
  medical: string;
  care: string;
  url: string;
}

export const oneLine = (s: string) => s.replace(/\s+/g, ' ');

const ZH_DIGITS = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** 2 → "两" as in 连续两期; numbers past ten stay in digits. */
export const zhCount = (n: number) => ZH_DIGITS[n] ?? String(n);

/** 2 → "second", 23 → "23rd". */
export function enOrdinal(n: number): string {
  if (EN_ORDINALS[n]) return EN_ORDINALS[n]!;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')}`;
}

/** Whether a warning is ever sent: the regulator step wins when both thresholds are reached together. */
const warns = (l: Ladder) => l.warnAfterMisses < l.regulatorAfterConsecutiveMisses;

export const zh = {
  date(d: string, note?: string): string {
    return `${zh.dateShort(d)}（${d}${note ? `，${note}` : ''}）`;
  },
  dateShort(d: string): string {
    const { year, month, day } = parseLocalDate(d);
    return `${year}年${month}月${day}日`;
  },
  deadline: (d: string) => `${zh.date(d)}当日24:00前（北京时间）`,
  periodShort(period: Period): string {
    const { year, month } = parseLocalDate(period.start);
    switch (period.kind) {
      case 'month':
        return `${year}年${month}月`;
      case 'quarter':
        return `${year}年第${'一二三四'[(month - 1) / 3] ?? ''}季度`;
      case 'half-year':
        return `${year}年${month === 1 ? '上' : '下'}半年`;
      case 'year':
        return `${year}年度`;
    }
  },
  period: (period: Period) => `${zh.periodShort(period)}（${period.key}）`,
  /** "2027年3月上门服务（巡诊）", but "2027年度服务需求调查", not "2027年度年度服务需求调查". */
  what: (o: Obligation, period: Period) =>
    o === 'survey'
      ? `${parseLocalDate(period.start).year}年度服务需求调查`
      : `${zh.periodShort(period)}${zh.obligation[o]}`,
  obligation: {
    visit: '上门服务（巡诊）',
    meeting: '对接会议',
    survey: '年度服务需求调查',
    'monthly-meeting': '月度对接会议',
    reexam: '慢性病复查',
    'health-talk': '健康讲座',
    referral: '急诊转诊按约定时限响应',
  } satisfies Record<Obligation, string>,
  verb: {
    visit: '完成',
    meeting: '召开',
    survey: '开展',
    'monthly-meeting': '召开',
    reexam: '完成',
    'health-talk': '举办',
    referral: '完成',
  } satisfies Record<Obligation, string>,
  recordRule: {
    visit: '上门服务须在 CarePact 中登记（服务日期、医务人员、服务项目、服务人数）后方计入本期。',
    meeting: '对接会议须在 CarePact 中登记（会议日期、参会人员、会议纪要）后方计入本期。',
    survey: '调查须在 CarePact 中登记（调查日期、受访人数、调查摘要及服务需求）后方计入本年度。',
    'monthly-meeting': '月度对接会议须在 CarePact 中登记（会议日期、参会人员、会议纪要）后方计入本月。',
    reexam: '慢性病复查须随上门服务在 CarePact 中登记（复查人次）后方计入本季度。',
    'health-talk': '健康讲座须在 CarePact 中登记（日期、主题、参加人数）后方计入本年度。',
    referral: '每次急诊转诊须在 CarePact 中登记（请求及响应时间），按合同约定的响应时限逐次判定。',
  } satisfies Record<Obligation, string>,
  /** "连续两期未履行" under the default ladder; "首次未履行" when one miss is enough. */
  misses: (n: number) => (n === 1 ? '首次未履行' : `连续${zhCount(n)}期未履行`),
  /** The evaluation frequency §3.3 sets (twice a year → 每半年一次). */
  evaluations: (perYear: number) =>
    perYear === 2 ? '每半年一次' : perYear === 1 ? '每年一次' : `每年${zhCount(perYear)}次`,
  effect: (l: Ladder) => `未履行记录计入${zh.evaluations(l.evaluationsPerYear)}第三方评估的“合作成效”评分`,
  ladder: (l: Ladder) =>
    '逾期未完成的，本期记为未履行：' +
    `${warns(l) ? `${zh.misses(l.warnAfterMisses)}，系统向双方联络员发出警告；` : ''}` +
    `${zh.misses(l.regulatorAfterConsecutiveMisses)}，报告区县监管部门。${zh.effect(l)}。`,
  grading: '评估结果为“不合格”的，将被责令限期整改；整改后仍不合格的，将被取消合作资格。',
  withParties: (s: string, x: Parties) => `${s}（${oneLine(x.medical)} — ${oneLine(x.care)}）`,
  contract: (x: Parties) => `合同：${x.medical} 与 ${x.care} 的医养结合合作协议`,
  greeting: (x: Parties) => `${x.recipient}，您好：\n\n`,
  link: (x: Parties) => `查看合同：${x.url}`,
  footer: (x: Parties) => `\n\n${zh.link(x)}\n——CarePact 医养结合签约监管`,
};

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const monthName = (d: string) => MONTHS[parseLocalDate(d).month - 1] ?? '';
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en = {
  deadline: (d: string) => `end of ${d} (China Standard Time)`,
  periodShort(period: Period): string {
    const { year } = parseLocalDate(period.start);
    if (period.kind === 'month') return `${monthName(period.start)} ${year}`;
    if (period.kind === 'year') return `calendar year ${year}`;
    return `${monthName(period.start)}–${monthName(period.end)} ${year}`;
  },
  period: (period: Period) => `${en.periodShort(period)} (${period.key})`,
  obligation: {
    visit: 'home visits',
    meeting: 'docking meeting',
    survey: 'annual service-demand survey',
    'monthly-meeting': 'monthly docking meeting',
    reexam: 'chronic-disease re-examinations',
    'health-talk': 'health talks',
    referral: 'emergency referral responses',
  } satisfies Record<Obligation, string>,
  were: {
    visit: 'were',
    meeting: 'was',
    survey: 'was',
    'monthly-meeting': 'was',
    reexam: 'were',
    'health-talk': 'were',
    referral: 'were',
  } satisfies Record<Obligation, string>,
  are: {
    visit: 'are',
    meeting: 'is',
    survey: 'is',
    'monthly-meeting': 'is',
    reexam: 'are',
    'health-talk': 'are',
    referral: 'are',
  } satisfies Record<Obligation, string>,
  requirement: {
    visit: 'home-visit requirement',
    meeting: 'docking-meeting requirement',
    survey: 'annual service-demand survey requirement',
    'monthly-meeting': 'monthly docking-meeting requirement',
    reexam: 'chronic-disease re-examination requirement',
    'health-talk': 'health-talk requirement',
    referral: 'emergency referral response-time requirement',
  } satisfies Record<Obligation, string>,
  noun: {
    visit: ['home visit', 'home visits'],
    meeting: ['docking meeting between the two parties', 'docking meetings between the two parties'],
    survey: ['annual service-demand survey', 'annual service-demand surveys'],
    'monthly-meeting': ['monthly docking meeting', 'monthly docking meetings'],
    reexam: ['chronic-disease re-examination', 'chronic-disease re-examinations'],
    'health-talk': ['health talk', 'health talks'],
    referral: ['emergency referral answered in time', 'emergency referrals answered in time'],
  } satisfies Record<Obligation, [string, string]>,
  recordRule: {
    visit: 'A visit counts only once it is recorded in CarePact (date, medical staff, services, residents seen).',
    meeting: 'A meeting counts only once it is recorded in CarePact (date, attendees, minutes).',
    survey: 'The survey counts only once it is recorded in CarePact (date, respondents, summary, service needs found).',
    'monthly-meeting': 'A meeting counts only once it is recorded in CarePact (date, attendees, minutes).',
    reexam: 'Re-examinations count only once recorded with a visit in CarePact (number of re-examinations).',
    'health-talk': 'A health talk counts only once it is recorded in CarePact (date, topic, attendees).',
    referral:
      'Each emergency referral is recorded in CarePact (requested and responded times) and judged against ' +
      "the contract's agreed response time.",
  } satisfies Record<Obligation, string>,
  /** "a second consecutive miss" under the default ladder; "a first miss" when one is enough. */
  misses: (n: number) => (n === 1 ? 'a first miss' : `a ${enOrdinal(n)} consecutive miss`),
  /** The evaluation frequency §3.3 sets (twice a year → twice-yearly). */
  evaluations: (perYear: number) =>
    perYear === 2 ? 'twice-yearly' : perYear === 1 ? 'yearly' : `${perYear}-times-yearly`,
  effect: (l: Ladder) =>
    'misses count against the cooperation-effectiveness score ' +
    `of the ${en.evaluations(l.evaluationsPerYear)} third-party evaluation`,
  ladder: (l: Ladder) => {
    const regulator = `${en.misses(l.regulatorAfterConsecutiveMisses)} is reported to the district regulator`;
    const steps = warns(l)
      ? `${capitalize(en.misses(l.warnAfterMisses))} sends a warning to both liaison officers; ${regulator}`
      : capitalize(regulator);
    return `the period is recorded as missed. ${steps}. ${capitalize(en.effect(l))}.`;
  },
  grading:
    'An Unqualified grade leads to an order to rectify within a time limit; ' +
    'if it still fails after rectification, the cooperation qualification is revoked.',
  withParties: (s: string, x: Parties) => `${s} (${oneLine(x.medical)} — ${oneLine(x.care)})`,
  contract: (x: Parties) => `Contract: cooperation contract between ${x.medical} and ${x.care}`,
  greeting: (x: Parties) => `Dear ${x.recipient},\n\n`,
  link: (x: Parties) => `View the contract: ${x.url}`,
  footer: (x: Parties) => `\n\n${en.link(x)}\n— CarePact, medical–elderly-care contract supervision`,
};

/** "2 home visits required; 1 recorded so far, 1 still needed" in both languages. */
export function requirement(o: Obligation, period: Period, c: { required: number; actual?: number }) {
  const remaining = c.actual === undefined ? undefined : Math.max(0, c.required - c.actual);
  const zhProgress =
    c.actual === undefined
      ? ''
      : `；截至目前已登记${c.actual}次，${remaining ? `尚需${remaining}次` : '已满足本期要求'}`;
  const enProgress =
    c.actual === undefined
      ? ''
      : `; ${c.actual} recorded so far, ${remaining ? `${remaining} still needed` : 'so the requirement is met'}`;
  return {
    zh: `${zh.period(period)}须${zh.verb[o]}${zh.obligation[o]}${c.required}次${zhProgress}。`,
    en: `${plural(c.required, ...en.noun[o])} in ${en.period(period)}${enProgress}.`,
  };
}

export function shortfall(c: { required: number; actual?: number }, o?: Obligation) {
  if (o === 'referral' && c.actual !== undefined)
    return {
      zh: `共${c.required}次急诊转诊，${c.actual}次在约定时限内响应`,
      en: ` (${c.actual} of ${c.required} referrals answered within the agreed time)`,
    };
  return {
    zh: c.actual === undefined ? '' : `应完成${c.required}次，实际登记${c.actual}次`,
    en: c.actual === undefined ? '' : ` (${c.required} required, ${c.actual} recorded)`,
  };
}
