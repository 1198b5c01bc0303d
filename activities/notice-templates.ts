import { addDays, compareLocalDates, nextPeriod } from '../domain/calendar';
import { remindable } from '../domain/obligations';
import { Locale, NoticeName, NoticeParams, paramReader, Reader, RenderedNotice } from './notice-params';
import { capitalize, en, oneLine, Parties, requirement, shortfall, zh } from './notice-phrases';

export { ladderOf } from './notice-params';

export { noticeNames } from './notice-params';
export type { Locale, NoticeName, NoticeParams, RenderedNotice } from './notice-params';
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
    const ladder = r.ladder();
    return {
      'zh-CN': () => ({
        subject: `【CarePact】待办提醒：${zh.what(o, period)}，截止${zh.dateShort(due)}`,
        intro: `根据合作协议，${zh.period(period)}的${zh.obligation[o]}须按期完成，请及时安排。`,
        items: [
          `需完成事项：${req.zh}`,
          `截止时间：${zh.deadline(due)}。${zh.recordRule[o]}`,
          `逾期后果：${zh.ladder(ladder)}`,
        ],
        ics: { summary: `【CarePact】截止：${zh.what(o, period)}`, date: due },
      }),
      en: () => ({
        subject: `[CarePact] Due ${due}: ${en.obligation[o]} for ${en.periodShort(period)}`,
        intro:
          `Under the cooperation contract, the ${en.obligation[o]} for ${en.period(period)} must be done on time. ` +
          'Please arrange this now.',
        items: [
          `What is required: ${req.en}`,
          `Deadline: ${en.deadline(due)}. ${en.recordRule[o]}`,
          `If it is not done: ${en.ladder(ladder)}`,
        ],
        ics: { summary: `[CarePact] Due: ${en.obligation[o]} for ${en.periodShort(period)}`, date: due },
      }),
    };
  },

  'obligation-missed-warning': (r) => {
    const o = r.obligation();
    const period = r.period(o);
    const due = r.optionalDate('dueDate');
    const gap = shortfall(r.counts(o), o);
    const next = nextPeriod(period);
    const ladder = r.ladder();
    const toRegulator = ladder.regulatorAfterConsecutiveMisses;
    // "Again" when one more miss reaches the regulator; otherwise the misses must go on to reach it.
    const again = (r.optionalCount('consecutiveMisses', 1) ?? ladder.warnAfterMisses) + 1 >= toRegulator;
    return {
      'zh-CN': () => ({
        subject: `【CarePact】未履行警告：${zh.what(o, period)}未按要求完成`,
        intro:
          `${zh.period(period)}的${zh.obligation[o]}${due ? `在截止时间${zh.date(due)}前` : ''}` +
          `未按要求完成${gap.zh ? `（${gap.zh}）` : ''}，本期已记为未履行。` +
          '本警告同时发送给双方联络员。',
        items: [
          `需完成事项：确保下一期${zh.period(next)}的${zh.obligation[o]}按时完成并在 CarePact 中登记` +
            (remindable(o) ? '，系统将在截止前提醒。' : '。'),
          `${again ? '如再次未履行' : '如继续未履行'}：${zh.misses(toRegulator)}的，将报告区县监管部门。` +
            `${zh.effect(ladder)}；${zh.grading}`,
        ],
      }),
      en: () => ({
        subject: `[CarePact] Warning: ${en.obligation[o]} for ${en.periodShort(period)} missed`,
        intro:
          `The ${en.obligation[o]} for ${en.period(period)} ${en.were[o]} not completed${due ? ` by ${due}` : ''}` +
          `${gap.en}, so the period is recorded as missed. This warning goes to both liaison officers.`,
        items: [
          `What is required: make sure the ${en.obligation[o]} for the next period, ${en.period(next)}, ` +
            `${en.are[o]} done on time and recorded in CarePact` +
            (remindable(o) ? '; you will be reminded before the deadline.' : '.'),
          `${again ? 'If it is missed again' : 'If the misses go on'}: ${en.misses(toRegulator)} ` +
            `is reported to the district regulator. ${capitalize(en.effect(ladder))}. ${en.grading}`,
        ],
      }),
    };
  },

  'obligation-missed-regulator-notice': (r) => {
    const o = r.obligation();
    const period = r.period(o);
    const misses = r.count('consecutiveMisses', 1);
    const gap = shortfall(r.counts(o), o);
    const current = nextPeriod(period);
    const ladder = r.ladder();
    return {
      'zh-CN': () => ({
        subject: `【CarePact】已报告监管部门：${zh.obligation[o]}连续${misses}期未履行`,
        intro:
          `合作协议项下的${zh.obligation[o]}已连续${misses}期未按要求完成，` +
          `最近一期为${zh.period(period)}${gap.zh ? `，${gap.zh}` : ''}。` +
          '根据逐级督办规则，本情况已报告区县监管部门；本通知同时发送给双方联络员。',
        items: [
          `需完成事项：立即落实当前一期${zh.period(current)}的${zh.obligation[o]}，并在 CarePact 中登记。`,
          `影响：${zh.effect(ladder)}。${zh.grading}`,
        ],
      }),
      en: () => ({
        subject: `[CarePact] Reported to the regulator: ${en.obligation[o]} missed ${misses} periods in a row`,
        intro:
          `Under the cooperation contract, the ${en.requirement[o]} has been missed ` +
          `for ${misses} consecutive periods, most recently ${en.period(period)}${gap.en}. ` +
          'Under the escalation rules this has been reported to the district regulator; ' +
          'this notice also goes to both liaison officers.',
        items: [
          `What is required: meet the ${en.requirement[o]} for the current period, ${en.period(current)}, ` +
            'without delay, and record it in CarePact.',
          `Consequences: ${en.effect(ladder)}. ${en.grading}`,
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
        items: [
          `需完成事项：在 CarePact 中对该请求作出答复。`,
          `截止时间：${zh.deadline(due)}。`,
          `逾期后果：逾期未答复的，系统将通知区县监管部门，并记入合作监管记录。`,
        ],
        ics: { summary: `【CarePact】请求答复截止：“${oneLine(subject)}”`, date: due },
      }),
      en: () => ({
        subject: `[CarePact] Answer due ${due}: request "${oneLine(subject)}"`,
        intro:
          `The request "${subject}" between the two parties has not been answered yet. ` +
          "Under the contract's answer-deadline rule, it must be answered by its due date.",
        items: [
          `What is required: answer the request in CarePact.`,
          `Deadline: ${en.deadline(due)}.`,
          'If it is not answered: the district regulator is notified ' +
            "and the delay is kept on the contract's supervision record.",
        ],
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
        intro:
          `合作双方之间的请求“${subject}”的答复期限为${zh.date(due)}，至今未在 CarePact 中答复，已逾期。` +
          '根据答复时限规则，本情况已通知区县监管部门，并记入合作监管记录。',
        items: [`需完成事项：请尽快在 CarePact 中答复该请求。`],
      }),
      en: () => ({
        subject: `[CarePact] Request overdue, regulator notified: "${oneLine(subject)}"`,
        intro:
          `The request "${subject}" between the two parties was due to be answered by ${due} ` +
          'and has not been answered in CarePact. Under the answer-deadline rule, the district regulator ' +
          "has been notified and the delay is kept on the contract's supervision record.",
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
          "If it is not done: it is recorded as overdue on the contract's supervision record, " +
            'which the district regulator sees.',
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
        intro:
          `对接会议确定的待办事项“${item}”（负责人：${owner}）应于${zh.date(due)}前完成，` +
          '至今未在 CarePact 中标记为已完成，已在合作监管记录中记为逾期事项，区县监管部门可查阅。',
        items: ['需完成事项：请负责人尽快完成该事项并在 CarePact 中标记为已完成；如已完成，请补充登记。'],
      }),
      en: () => ({
        subject: `[CarePact] Action item overdue: ${oneLine(item)}`,
        intro:
          `The action item "${item}" (owner: ${owner}), agreed at a docking meeting, was due by ${due} ` +
          'and has not been marked completed in CarePact. ' +
          "It is now recorded as overdue on the contract's supervision record, which the district regulator sees.",
        items: [
          'What is required: the owner should complete it and mark it completed in CarePact as soon as possible; ' +
            'if it is already done, record it now.',
        ],
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
          `逾期后果：届时未续签的，协议于期满后到期终止（自${zh.date(expiry)}零时起不再有效，北京时间），` +
            '上门服务、对接会议等监管事项随之结束；到期后如需继续合作，须重新起草并由双方签署新协议。',
        ],
        ics: { summary: `【CarePact】合作协议续签截止`, date: termEnd },
      }),
      en: () => ({
        subject: `[CarePact] Contract term ends ${termEnd}: renew to continue`,
        intro: `The cooperation contract's term runs until ${termEnd} (inclusive).`,
        items: [
          'What is required: to continue the cooperation, renew the contract in CarePact with a new term end date.',
          `Deadline: ${en.deadline(termEnd)}.`,
          `If it is not renewed: the contract expires at 00:00 on ${expiry} (China Standard Time); ` +
            'its supervised obligations end, and continuing the cooperation then requires a new contract ' +
            'signed by both parties.',
        ],
        ics: { summary: `[CarePact] Contract renewal deadline`, date: termEnd },
      }),
    };
  },

  'contract-renewed': (r) => {
    const newTermEnd = r.date('newTermEnd');
    const previous = r.optionalDate('termEnd');
    if (previous !== undefined && compareLocalDates(newTermEnd, previous) <= 0) {
      throw new Error(
        `Notice "contract-renewed" needs params.newTermEnd after params.termEnd; got ${newTermEnd} ≤ ${previous}`,
      );
    }
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议已续签至${zh.dateShort(newTermEnd)}`,
        intro:
          `医养结合合作协议已续签，${previous ? `原期限至${zh.date(previous)}，` : ''}` +
          `新的协议期限至${zh.date(newTermEnd, '含当日')}。`,
        items: ['协议约定的上门服务、对接会议及年度服务需求调查继续按期执行，系统将在各项截止日期前提醒。'],
      }),
      en: () => ({
        subject: `[CarePact] Contract renewed until ${newTermEnd}`,
        intro:
          `The cooperation contract has been renewed${previous ? ` (previous term end ${previous})` : ''}: ` +
          `the new term runs until ${newTermEnd} (inclusive).`,
        items: [
          'The agreed home visits, docking meetings and annual service-demand survey continue as before; ' +
            'CarePact will remind you before each deadline.',
        ],
      }),
    };
  },

  'contract-expired': (r) => {
    const termEnd = r.date('termEnd');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议已到期`,
        intro:
          `医养结合合作协议的期限已于${zh.date(termEnd)}届满，协议已到期终止，` +
          '上门服务、对接会议及年度服务需求调查等监管事项随之结束。',
        items: [`如需继续合作，请重新起草协议并由双方签署。`],
      }),
      en: () => ({
        subject: `[CarePact] Contract expired`,
        intro:
          `The cooperation contract's term ended on ${termEnd}: the contract has expired, ` +
          'and its supervised obligations (home visits, docking meetings, annual service-demand survey) have ended.',
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
  const x: Parties = {
    recipient: r.text('recipientName'),
    medical: r.text('medicalName'),
    care: r.text('careName'),
    url: r.text('contractUrl'),
  };
  const draft = templates[name](r)[locale]();
  const w = locale === 'zh-CN' ? zh : en;
  return {
    subject: w.withParties(draft.subject, x),
    text: `${w.greeting(x)}${w.contract(x)}\n\n${draft.intro}\n\n${draft.items.join('\n')}${w.footer(x)}`,
    ...(draft.ics
      ? {
          ics: {
            summary: w.withParties(draft.ics.summary, x),
            description: [w.contract(x), ...draft.items, w.link(x)].join('\n'),
            date: draft.ics.date,
          },
        }
      : {}),
  };
}
