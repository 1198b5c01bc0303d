import { addDays, compareLocalDates, isValidLocalDate, nextPeriod, parseLocalDate, periodFromKey, type Period, type PeriodKind } from '../domain/calendar';

/**
 * Notices the supervision engine sends, in the recipient's language. Each one states what is
 * required, by when (an inclusive Asia/Shanghai date) and what happens otherwise. The escalation
 * wording follows the project-default ladder (DOMAIN.md: 1st miss → warning to both liaison
 * officers, 2nd in a row → district regulator).
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

type Obligation = 'visit' | 'meeting' | 'survey';

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
}

export interface RenderedNotice {
  subject: string;
  text: string;
  /** For reminders: the deadline as a calendar entry (feed to buildIcs). */
  ics?: { summary: string; description: string; date: string };
}

// ---------------------------------------------------------------------------------------------
// Parameters: a notice with a silent "undefined" in it is worse than a failed activity.

type TextKey = 'recipientName' | 'medicalName' | 'careName' | 'contractUrl' | 'subject' | 'ownerName' | 'periodKey';
type DateKey = 'dueDate' | 'termEnd' | 'newTermEnd';
type CountKey = 'required' | 'actual' | 'consecutiveMisses';

// Which periods each obligation is measured over (domain/obligations.ts periodKindOf).
const PERIOD_KINDS: Record<Obligation, readonly PeriodKind[]> = { visit: ['month'], meeting: ['month', 'quarter'], survey: ['year'] };

function paramReader(name: NoticeName, p: NoticeParams) {
  const fail = (key: string, expected: string, got: unknown): never => {
    throw new Error(`Notice "${name}" needs params.${key} as ${expected}; got ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
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
    return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : fail(key, `a whole number ≥ ${min}`, value);
  };
  const optionalCount = (key: CountKey, min: number): number | undefined => (p[key] === undefined ? undefined : count(key, min));
  const obligation = (): Obligation => {
    const value: unknown = p.obligation;
    return value === 'visit' || value === 'meeting' || value === 'survey' ? value : fail('obligation', '"visit", "meeting" or "survey"', value);
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
    return parsed && kinds.includes(parsed.kind) ? parsed : fail('periodKey', `a ${kinds.join(' or ')} key for obligation "${of}" (e.g. 2027-03, 2027-Q1, 2027)`, key);
  };
  /** Home visits must always say how many are required and recorded; meetings and surveys default to 1 required. */
  const counts = (of: Obligation): { required: number; actual?: number } => {
    if (of === 'visit') return { required: count('required', 1), actual: count('actual', 0) };
    const actual = optionalCount('actual', 0);
    return { required: optionalCount('required', 1) ?? 1, ...(actual === undefined ? {} : { actual }) };
  };
  return { text, date, optionalDate, count, obligation, period, counts };
}

type Reader = ReturnType<typeof paramReader>;

// ---------------------------------------------------------------------------------------------
// Wording shared by the templates.

interface Parties {
  recipient: string;
  medical: string;
  care: string;
  url: string;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

const zh = {
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
  what: (o: Obligation, period: Period) => (o === 'survey' ? `${parseLocalDate(period.start).year}年度服务需求调查` : `${zh.periodShort(period)}${zh.obligation[o]}`),
  obligation: { visit: '上门服务（巡诊）', meeting: '对接会议', survey: '年度服务需求调查' } satisfies Record<Obligation, string>,
  verb: { visit: '完成', meeting: '召开', survey: '开展' } satisfies Record<Obligation, string>,
  recordRule: {
    visit: '上门服务须在 CarePact 中登记（服务日期、医务人员、服务项目、服务人数）后方计入本期。',
    meeting: '对接会议须在 CarePact 中登记（会议日期、参会人员、会议纪要）后方计入本期。',
    survey: '调查须在 CarePact 中登记（调查日期、受访人数、调查摘要及服务需求）后方计入本年度。',
  } satisfies Record<Obligation, string>,
  ladder:
    '逾期未完成的，本期记为未履行：首次未履行，系统向双方联络员发出警告；连续两期未履行，报告区县监管部门。未履行记录计入每半年一次第三方评估的“合作成效”评分。',
  grading: '评估结果为“不合格”的，将被责令限期整改；整改后仍不合格的，将被取消合作资格。',
  withParties: (s: string, x: Parties) => `${s}（${oneLine(x.medical)} — ${oneLine(x.care)}）`,
  contract: (x: Parties) => `合同：${x.medical} 与 ${x.care} 的医养结合合作协议`,
  greeting: (x: Parties) => `${x.recipient}，您好：\n\n`,
  link: (x: Parties) => `查看合同：${x.url}`,
  footer: (x: Parties) => `\n\n${zh.link(x)}\n——CarePact 医养结合签约监管`,
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (d: string) => MONTHS[parseLocalDate(d).month - 1] ?? '';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  deadline: (d: string) => `end of ${d} (China Standard Time)`,
  periodShort(period: Period): string {
    const { year } = parseLocalDate(period.start);
    if (period.kind === 'month') return `${monthName(period.start)} ${year}`;
    if (period.kind === 'year') return `calendar year ${year}`;
    return `${monthName(period.start)}–${monthName(period.end)} ${year}`;
  },
  period: (period: Period) => `${en.periodShort(period)} (${period.key})`,
  obligation: { visit: 'home visits', meeting: 'docking meeting', survey: 'annual service-demand survey' } satisfies Record<Obligation, string>,
  were: { visit: 'were', meeting: 'was', survey: 'was' } satisfies Record<Obligation, string>,
  are: { visit: 'are', meeting: 'is', survey: 'is' } satisfies Record<Obligation, string>,
  requirement: { visit: 'home-visit requirement', meeting: 'docking-meeting requirement', survey: 'annual service-demand survey requirement' } satisfies Record<Obligation, string>,
  noun: {
    visit: ['home visit', 'home visits'],
    meeting: ['docking meeting between the two parties', 'docking meetings between the two parties'],
    survey: ['annual service-demand survey', 'annual service-demand surveys'],
  } satisfies Record<Obligation, [string, string]>,
  recordRule: {
    visit: 'A visit counts only once it is recorded in CarePact (date, medical staff, services, residents seen).',
    meeting: 'A meeting counts only once it is recorded in CarePact (date, attendees, minutes).',
    survey: 'The survey counts only once it is recorded in CarePact (date, respondents, summary, service needs found).',
  } satisfies Record<Obligation, string>,
  ladder:
    'the period is recorded as missed. A first miss sends a warning to both liaison officers; a second consecutive miss is reported to the district regulator. Misses count against the cooperation-effectiveness score of the twice-yearly third-party evaluation.',
  grading: 'An Unqualified grade leads to an order to rectify within a time limit; if it still fails after rectification, the cooperation qualification is revoked.',
  withParties: (s: string, x: Parties) => `${s} (${oneLine(x.medical)} — ${oneLine(x.care)})`,
  contract: (x: Parties) => `Contract: cooperation contract between ${x.medical} and ${x.care}`,
  greeting: (x: Parties) => `Dear ${x.recipient},\n\n`,
  link: (x: Parties) => `View the contract: ${x.url}`,
  footer: (x: Parties) => `\n\n${en.link(x)}\n— CarePact, medical–elderly-care contract supervision`,
};

/** "2 home visits required; 1 recorded so far, 1 still needed" in both languages. */
function requirement(o: Obligation, period: Period, c: { required: number; actual?: number }) {
  const remaining = c.actual === undefined ? undefined : Math.max(0, c.required - c.actual);
  const zhProgress =
    c.actual === undefined ? '' : `；截至目前已登记${c.actual}次，${remaining ? `尚需${remaining}次` : '已满足本期要求'}`;
  const enProgress =
    c.actual === undefined ? '' : `; ${c.actual} recorded so far, ${remaining ? `${remaining} still needed` : 'so the requirement is met'}`;
  return {
    zh: `${zh.period(period)}须${zh.verb[o]}${zh.obligation[o]}${c.required}次${zhProgress}。`,
    en: `${plural(c.required, ...en.noun[o])} in ${en.period(period)}${enProgress}.`,
  };
}

function shortfall(c: { required: number; actual?: number }) {
  return {
    zh: c.actual === undefined ? '' : `应完成${c.required}次，实际登记${c.actual}次`,
    en: c.actual === undefined ? '' : ` (${c.required} required, ${c.actual} recorded)`,
  };
}

// ---------------------------------------------------------------------------------------------
// Templates: each reads (and so validates) its parameters first, then renders either language.

interface Draft {
  subject: string;
  intro: string;
  /** Labelled lines: what, by when, otherwise; they also make up a reminder's calendar description. */
  items: string[];
  ics?: { summary: string; date: string };
}

type Template = (r: Reader) => Record<Locale, () => Draft>;

const templates: Record<NoticeName, Template> = {
  'obligation-reminder': (r) => {
    const o = r.obligation();
    const period = r.period(o);
    const due = r.date('dueDate');
    const req = requirement(o, period, r.counts(o));
    return {
      'zh-CN': () => ({
        subject: `【CarePact】待办提醒：${zh.what(o, period)}，截止${zh.dateShort(due)}`,
        intro: `根据合作协议，${zh.period(period)}的${zh.obligation[o]}须按期完成，请及时安排。`,
        items: [`需完成事项：${req.zh}`, `截止时间：${zh.deadline(due)}。${zh.recordRule[o]}`, `逾期后果：${zh.ladder}`],
        ics: { summary: `【CarePact】截止：${zh.what(o, period)}`, date: due },
      }),
      en: () => ({
        subject: `[CarePact] Due ${due}: ${en.obligation[o]} for ${en.periodShort(period)}`,
        intro: `Under the cooperation contract, the ${en.obligation[o]} for ${en.period(period)} must be done on time. Please arrange this now.`,
        items: [`What is required: ${req.en}`, `Deadline: ${en.deadline(due)}. ${en.recordRule[o]}`, `If it is not done: ${en.ladder}`],
        ics: { summary: `[CarePact] Due: ${en.obligation[o]} for ${en.periodShort(period)}`, date: due },
      }),
    };
  },

  'obligation-missed-warning': (r) => {
    const o = r.obligation();
    const period = r.period(o);
    const due = r.optionalDate('dueDate');
    const gap = shortfall(r.counts(o));
    const next = nextPeriod(period);
    return {
      'zh-CN': () => ({
        subject: `【CarePact】未履行警告：${zh.what(o, period)}未按要求完成`,
        intro: `${zh.period(period)}的${zh.obligation[o]}${due ? `在截止时间${zh.date(due)}前` : ''}未按要求完成${gap.zh ? `（${gap.zh}）` : ''}，本期已记为未履行。本警告同时发送给双方联络员。`,
        items: [
          `需完成事项：确保下一期${zh.period(next)}的${zh.obligation[o]}按时完成并在 CarePact 中登记，系统将在截止前提醒。`,
          `如再次未履行：连续两期未履行的，将报告区县监管部门。未履行记录计入每半年一次第三方评估的“合作成效”评分；${zh.grading}`,
        ],
      }),
      en: () => ({
        subject: `[CarePact] Warning: ${en.obligation[o]} for ${en.periodShort(period)} missed`,
        intro: `The ${en.obligation[o]} for ${en.period(period)} ${en.were[o]} not completed${due ? ` by ${due}` : ''}${gap.en}, so the period is recorded as missed. This warning goes to both liaison officers.`,
        items: [
          `What is required: make sure the ${en.obligation[o]} for the next period, ${en.period(next)}, ${en.are[o]} done on time and recorded in CarePact; you will be reminded before the deadline.`,
          `If it is missed again: a second consecutive miss is reported to the district regulator. Misses count against the cooperation-effectiveness score of the twice-yearly third-party evaluation. ${en.grading}`,
        ],
      }),
    };
  },

  'obligation-missed-regulator-notice': (r) => {
    const o = r.obligation();
    const period = r.period(o);
    const misses = r.count('consecutiveMisses', 1);
    const gap = shortfall(r.counts(o));
    const current = nextPeriod(period);
    return {
      'zh-CN': () => ({
        subject: `【CarePact】已报告监管部门：${zh.obligation[o]}连续${misses}期未履行`,
        intro: `合作协议项下的${zh.obligation[o]}已连续${misses}期未按要求完成，最近一期为${zh.period(period)}${gap.zh ? `，${gap.zh}` : ''}。根据逐级督办规则，本情况已报告区县监管部门；本通知同时发送给双方联络员。`,
        items: [
          `需完成事项：立即落实当前一期${zh.period(current)}的${zh.obligation[o]}，并在 CarePact 中登记。`,
          `影响：未履行记录计入每半年一次第三方评估的“合作成效”评分。${zh.grading}`,
        ],
      }),
      en: () => ({
        subject: `[CarePact] Reported to the regulator: ${en.obligation[o]} missed ${misses} periods in a row`,
        intro: `Under the cooperation contract, the ${en.requirement[o]} has been missed for ${misses} consecutive periods, most recently ${en.period(period)}${gap.en}. Under the escalation rules this has been reported to the district regulator; this notice also goes to both liaison officers.`,
        items: [
          `What is required: meet the ${en.requirement[o]} for the current period, ${en.period(current)}, without delay, and record it in CarePact.`,
          `Consequences: misses count against the cooperation-effectiveness score of the twice-yearly third-party evaluation. ${en.grading}`,
        ],
      }),
    };
  },

  'request-reminder': (r) => {
    const subject = r.text('subject');
    const due = r.date('dueDate');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】请求待答复，截止${zh.dateShort(due)}：“${oneLine(subject)}”`,
        intro: `合作双方之间的请求“${subject}”尚未答复。按照协议的答复时限规则，请在截止时间前答复。`,
        items: [`需完成事项：在 CarePact 中对该请求作出答复。`, `截止时间：${zh.deadline(due)}。`, `逾期后果：逾期未答复的，系统将通知区县监管部门，并记入合作监管记录。`],
        ics: { summary: `【CarePact】请求答复截止：“${oneLine(subject)}”`, date: due },
      }),
      en: () => ({
        subject: `[CarePact] Answer due ${due}: request "${oneLine(subject)}"`,
        intro: `The request "${subject}" between the two parties has not been answered yet. Under the contract's answer-deadline rule, it must be answered by its due date.`,
        items: [`What is required: answer the request in CarePact.`, `Deadline: ${en.deadline(due)}.`, `If it is not answered: the district regulator is notified and the delay is kept on the contract's supervision record.`],
        ics: { summary: `[CarePact] Answer due: request "${oneLine(subject)}"`, date: due },
      }),
    };
  },

  'request-overdue': (r) => {
    const subject = r.text('subject');
    const due = r.date('dueDate');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】请求逾期未答复，已通知监管部门：“${oneLine(subject)}”`,
        intro: `合作双方之间的请求“${subject}”的答复期限为${zh.date(due)}，至今未在 CarePact 中答复，已逾期。根据答复时限规则，本情况已通知区县监管部门，并记入合作监管记录。`,
        items: [`需完成事项：请尽快在 CarePact 中答复该请求。`],
      }),
      en: () => ({
        subject: `[CarePact] Request overdue, regulator notified: "${oneLine(subject)}"`,
        intro: `The request "${subject}" between the two parties was due to be answered by ${due} and has not been answered in CarePact. Under the answer-deadline rule, the district regulator has been notified and the delay is kept on the contract's supervision record.`,
        items: [`What is required: answer the request in CarePact as soon as possible.`],
      }),
    };
  },

  'action-item-reminder': (r) => {
    const item = r.text('subject');
    const owner = r.text('ownerName');
    const due = r.date('dueDate');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】会议待办事项提醒，截止${zh.dateShort(due)}：${oneLine(item)}`,
        intro: `对接会议确定的以下待办事项即将到期。`,
        items: [
          `事项：${item}`,
          `负责人：${owner}`,
          `需完成事项：按期完成该事项，并在 CarePact 中标记为已完成。`,
          `截止时间：${zh.deadline(due)}。`,
          `逾期后果：逾期未完成的，将在合作监管记录中记为逾期事项，区县监管部门可查阅。`,
        ],
        ics: { summary: `【CarePact】待办事项截止：${oneLine(item)}`, date: due },
      }),
      en: () => ({
        subject: `[CarePact] Action item due ${due}: ${oneLine(item)}`,
        intro: `The following action item agreed at a docking meeting is coming due.`,
        items: [
          `Action item: ${item}`,
          `Owner: ${owner}`,
          `What is required: complete it and mark it completed in CarePact.`,
          `Deadline: ${en.deadline(due)}.`,
          `If it is not done: it is recorded as overdue on the contract's supervision record, which the district regulator sees.`,
        ],
        ics: { summary: `[CarePact] Action item due: ${oneLine(item)}`, date: due },
      }),
    };
  },

  'action-item-overdue': (r) => {
    const item = r.text('subject');
    const owner = r.text('ownerName');
    const due = r.date('dueDate');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】会议待办事项已逾期：${oneLine(item)}`,
        intro: `对接会议确定的待办事项“${item}”（负责人：${owner}）应于${zh.date(due)}前完成，至今未在 CarePact 中标记为已完成，已在合作监管记录中记为逾期事项，区县监管部门可查阅。`,
        items: [`需完成事项：请负责人尽快完成该事项并在 CarePact 中标记为已完成；如已完成，请补充登记。`],
      }),
      en: () => ({
        subject: `[CarePact] Action item overdue: ${oneLine(item)}`,
        intro: `The action item "${item}" (owner: ${owner}), agreed at a docking meeting, was due by ${due} and has not been marked completed in CarePact. It is now recorded as overdue on the contract's supervision record, which the district regulator sees.`,
        items: [`What is required: the owner should complete it and mark it completed in CarePact as soon as possible; if it is already done, record it now.`],
      }),
    };
  },

  'renewal-reminder': (r) => {
    const termEnd = r.date('termEnd');
    const expiry = addDays(termEnd, 1);
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议将于${zh.dateShort(termEnd)}到期，请及时续签`,
        intro: `医养结合合作协议的期限至${zh.date(termEnd, '含当日')}止。`,
        items: [
          `需完成事项：如需继续合作，请在 CarePact 中办理续签并确定新的协议期限。`,
          `截止时间：${zh.deadline(termEnd)}。`,
          `逾期后果：届时未续签的，协议于期满后到期终止（自${zh.date(expiry)}零时起不再有效，北京时间），上门服务、对接会议等监管事项随之结束；到期后如需继续合作，须重新起草并由双方签署新协议。`,
        ],
        ics: { summary: `【CarePact】合作协议续签截止`, date: termEnd },
      }),
      en: () => ({
        subject: `[CarePact] Contract term ends ${termEnd}: renew to continue`,
        intro: `The cooperation contract's term runs until ${termEnd} (inclusive).`,
        items: [
          `What is required: to continue the cooperation, renew the contract in CarePact with a new term end date.`,
          `Deadline: ${en.deadline(termEnd)}.`,
          `If it is not renewed: the contract expires at 00:00 on ${expiry} (China Standard Time); its supervised obligations end, and continuing the cooperation then requires a new contract signed by both parties.`,
        ],
        ics: { summary: `[CarePact] Contract renewal deadline`, date: termEnd },
      }),
    };
  },

  'contract-renewed': (r) => {
    const newTermEnd = r.date('newTermEnd');
    const previous = r.optionalDate('termEnd');
    if (previous !== undefined && compareLocalDates(newTermEnd, previous) <= 0) {
      throw new Error(`Notice "contract-renewed" needs params.newTermEnd after params.termEnd; got ${newTermEnd} ≤ ${previous}`);
    }
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议已续签至${zh.dateShort(newTermEnd)}`,
        intro: `医养结合合作协议已续签，${previous ? `原期限至${zh.date(previous)}，` : ''}新的协议期限至${zh.date(newTermEnd, '含当日')}。`,
        items: [`协议约定的上门服务、对接会议及年度服务需求调查继续按期执行，系统将在各项截止日期前提醒。`],
      }),
      en: () => ({
        subject: `[CarePact] Contract renewed until ${newTermEnd}`,
        intro: `The cooperation contract has been renewed${previous ? ` (previous term end ${previous})` : ''}: the new term runs until ${newTermEnd} (inclusive).`,
        items: [`The agreed home visits, docking meetings and annual service-demand survey continue as before; CarePact will remind you before each deadline.`],
      }),
    };
  },

  'contract-expired': (r) => {
    const termEnd = r.date('termEnd');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议已到期`,
        intro: `医养结合合作协议的期限已于${zh.date(termEnd)}届满，协议已到期终止，上门服务、对接会议及年度服务需求调查等监管事项随之结束。`,
        items: [`如需继续合作，请重新起草协议并由双方签署。`],
      }),
      en: () => ({
        subject: `[CarePact] Contract expired`,
        intro: `The cooperation contract's term ended on ${termEnd}: the contract has expired, and its supervised obligations (home visits, docking meetings, annual service-demand survey) have ended.`,
        items: [`To continue the cooperation, draft a new contract for both parties to sign.`],
      }),
    };
  },
};

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

export function renderNotice(name: NoticeName, locale: Locale, p: NoticeParams): RenderedNotice {
  if (!Object.hasOwn(templates, name)) throw new Error(`Unknown notice ${JSON.stringify(name)}`);
  if (!isLocale(locale)) throw new Error(`Notice "${name}": unsupported locale ${JSON.stringify(locale)}`);
  const r = paramReader(name, p ?? ({} as NoticeParams));
  const x: Parties = { recipient: r.text('recipientName'), medical: r.text('medicalName'), care: r.text('careName'), url: r.text('contractUrl') };
  const draft = templates[name](r)[locale]();
  const w = locale === 'zh-CN' ? zh : en;
  return {
    subject: w.withParties(draft.subject, x),
    text: `${w.greeting(x)}${w.contract(x)}\n\n${draft.intro}\n\n${draft.items.join('\n')}${w.footer(x)}`,
    ...(draft.ics
      ? { ics: { summary: w.withParties(draft.ics.summary, x), description: [w.contract(x), ...draft.items, w.link(x)].join('\n'), date: draft.ics.date } }
      : {}),
  };
}
