import type { Side } from '../domain/contract';
import { en, type Parties, zh } from './notice-phrases';
import type { Locale } from './notice-params';

/**
 * Notices of signing, approval (备案) and renewal by both parties (issue 12 items 6, 7 and the
 * signing reminder): what is required, by when (an inclusive Asia/Shanghai date, with a calendar
 * entry) and what happens otherwise.
 */
export const processNoticeNames = [
  'signing-reminder',
  'approval-requested',
  'approval-reminder',
  'approval-returned',
  'approval-deemed',
  'approval-overdue',
  'renewal-proposed',
  'renewal-declined',
  'renewal-lapsed',
] as const;
export type ProcessNoticeName = (typeof processNoticeNames)[number];

export interface ProcessNoticeParams {
  /** The last day of whatever the notice is about (signing, the decision, countersigning). */
  deadline?: string;
  /** The signing deadline as an instant (a returned contract's new window). */
  signingDeadline?: string;
  daysLeft?: number;
  reasons?: string;
  /** The current term end, and the one a renewal proposes. */
  termEnd?: string;
  newTermEnd?: string;
  proposerSide?: Side;
  termsChanged?: boolean;
}

interface Draft {
  subject: string;
  intro: string;
  items: string[];
  ics?: { summary: string; date: string };
}

type Template = (p: ProcessNoticeParams) => Record<Locale, () => Draft>;

function need<K extends keyof ProcessNoticeParams>(name: ProcessNoticeName, p: ProcessNoticeParams, key: K) {
  const value = p[key];
  if (value === undefined || value === '') throw new Error(`Notice "${name}" needs params.${key}`);
  return value as NonNullable<ProcessNoticeParams[K]>;
}

const zhSide = { medical: '医疗机构', care: '养老机构' } satisfies Record<Side, string>;
const enSide = { medical: 'medical institution', care: 'elderly-care institution' } satisfies Record<Side, string>;

const templates: Record<ProcessNoticeName, Template> = {
  'signing-reminder': (p) => {
    const due = need('signing-reminder', p, 'deadline');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】请在${zh.dateShort(due)}前签署合作协议`,
        intro: '医养结合合作协议尚待贵方签署。',
        items: [
          '需完成事项：在 CarePact 中签署合作协议。',
          `截止时间：${zh.deadline(due)}。`,
          '逾期后果：届时未经双方签署的，协议草案失效，须重新起草。',
        ],
        ics: { summary: '【CarePact】合作协议签署截止', date: due },
      }),
      en: () => ({
        subject: `[CarePact] Sign the cooperation contract by ${due}`,
        intro: 'The cooperation contract still awaits your signature.',
        items: [
          'What is required: sign the contract in CarePact.',
          `Deadline: ${en.deadline(due)}.`,
          'If it is not signed: unless both parties have signed by then, the draft lapses and must be drafted again.',
        ],
        ics: { summary: '[CarePact] Contract signing deadline', date: due },
      }),
    };
  },

  'approval-requested': (p) => {
    const due = need('approval-requested', p, 'deadline');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】合作协议待备案审核，请于${zh.dateShort(due)}前决定`,
        intro: '双方已签署医养结合合作协议。根据本区政策，协议须经监管部门备案审核后生效。',
        items: [
          '需完成事项：在 CarePact 中审核并决定：通过，或退回（须说明理由）。',
          `截止时间：${zh.deadline(due)}。`,
          '逾期后果：逾期未决定的，按本区政策处理（视为通过，或作为逾期事项通报）。',
        ],
        ics: { summary: '【CarePact】合作协议备案审核截止', date: due },
      }),
      en: () => ({
        subject: `[CarePact] Contract awaiting approval: decide by ${due}`,
        intro:
          "Both parties have signed the cooperation contract. Under the region's policy it takes effect " +
          'once a regulator approves it (备案).',
        items: [
          'What is required: approve the contract in CarePact, or return it with your reasons.',
          `Deadline: ${en.deadline(due)}.`,
          "If no decision is made: the region's policy applies (deemed approved, or reported as overdue).",
        ],
        ics: { summary: '[CarePact] Contract approval deadline', date: due },
      }),
    };
  },

  'approval-reminder': (p) => {
    const due = need('approval-reminder', p, 'deadline');
    const left = need('approval-reminder', p, 'daysLeft');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】备案审核还剩${left}天，截止${zh.dateShort(due)}`,
        intro: '以下合作协议仍待备案审核决定。',
        items: ['需完成事项：在 CarePact 中通过或退回（须说明理由）该协议。', `截止时间：${zh.deadline(due)}。`],
        ics: { summary: '【CarePact】合作协议备案审核截止', date: due },
      }),
      en: () => ({
        subject: `[CarePact] ${left} day(s) left to decide on a contract's approval (due ${due})`,
        intro: 'The following contract still awaits your approval decision.',
        items: [
          'What is required: approve it in CarePact, or return it with your reasons.',
          `Deadline: ${en.deadline(due)}.`,
        ],
        ics: { summary: '[CarePact] Contract approval deadline', date: due },
      }),
    };
  },

  'approval-returned': (p) => {
    const reasons = need('approval-returned', p, 'reasons');
    const due = need('approval-returned', p, 'deadline');
    return {
      'zh-CN': () => ({
        subject: '【CarePact】合作协议备案未通过，已退回修改',
        intro: `监管部门退回了医养结合合作协议，退回理由：${reasons}`,
        items: [
          '双方此前的签署已作废。需完成事项：按退回理由修改后，双方在 CarePact 中重新签署。',
          `截止时间：${zh.deadline(due)}。`,
          '逾期后果：届时未经双方重新签署的，协议草案失效。',
        ],
        ics: { summary: '【CarePact】合作协议重新签署截止', date: due },
      }),
      en: () => ({
        subject: '[CarePact] Contract returned by the regulator',
        intro: `The regulator returned the cooperation contract. Reasons: ${reasons}`,
        items: [
          'Both earlier signatures are void. What is required: address the reasons, then both parties sign again in CarePact.',
          `Deadline: ${en.deadline(due)}.`,
          'If it is not signed again by both parties by then, the draft lapses.',
        ],
        ics: { summary: '[CarePact] Contract re-signing deadline', date: due },
      }),
    };
  },

  'approval-deemed': (p) => {
    const due = need('approval-deemed', p, 'deadline');
    return {
      'zh-CN': () => ({
        subject: '【CarePact】备案审核期限届满未决定，合作协议视为通过',
        intro: `合作协议的备案审核期限（${zh.date(due)}）已届满，监管部门未作决定。根据本区政策，协议视为通过备案并生效。`,
        items: ['协议约定的上门服务、对接会议等事项自即日起按期执行，系统将在各项截止日期前提醒。'],
      }),
      en: () => ({
        subject: '[CarePact] No approval decision by the deadline: contract deemed approved',
        intro:
          `The approval deadline (${due}) passed without a decision. Under the region's policy the contract ` +
          'is deemed approved and takes effect.',
        items: [
          'The agreed home visits, docking meetings and surveys now run; CarePact will remind you before each deadline.',
        ],
      }),
    };
  },

  'approval-overdue': (p) => {
    const due = need('approval-overdue', p, 'deadline');
    return {
      'zh-CN': () => ({
        subject: '【CarePact】合作协议备案审核已逾期',
        intro: `合作协议的备案审核期限（${zh.date(due)}）已届满，监管部门尚未决定。根据本区政策，协议在决定前保持待审核状态。`,
        items: ['需完成事项：监管部门请尽快在 CarePact 中通过或退回该协议。'],
      }),
      en: () => ({
        subject: '[CarePact] Contract approval overdue',
        intro:
          `The approval deadline (${due}) passed without a decision. Under the region's policy the contract ` +
          'stays pending approval until a regulator decides.',
        items: ['What is required: a regulator approves or returns the contract in CarePact without delay.'],
      }),
    };
  },

  'renewal-proposed': (p) => {
    const due = need('renewal-proposed', p, 'deadline');
    const termEnd = need('renewal-proposed', p, 'termEnd');
    const newTermEnd = need('renewal-proposed', p, 'newTermEnd');
    const side = need('renewal-proposed', p, 'proposerSide');
    return {
      'zh-CN': () => ({
        subject: `【CarePact】对方提议续签合作协议至${zh.dateShort(newTermEnd)}，请于${zh.dateShort(due)}前确认`,
        intro:
          `${zhSide[side]}一方提议将合作协议期限由${zh.date(termEnd)}延长至${zh.date(newTermEnd, '含当日')}` +
          `${p.termsChanged ? '，并修改部分协议条款（详见 CarePact）' : ''}。`,
        items: [
          '需完成事项：在 CarePact 中会签（同意）或拒绝该续签提议。',
          `截止时间：${zh.deadline(due)}。`,
          `逾期后果：届时未会签的，续签提议失效，协议于${zh.date(termEnd)}期满后到期终止。`,
        ],
        ics: { summary: '【CarePact】续签提议会签截止', date: due },
      }),
      en: () => ({
        subject: `[CarePact] Renewal proposed until ${newTermEnd}: countersign by ${due}`,
        intro:
          `The ${enSide[side]} proposes to renew the cooperation contract from its current term end ${termEnd} ` +
          `to ${newTermEnd} (inclusive)${p.termsChanged ? ', with changed terms (see CarePact)' : ''}.`,
        items: [
          'What is required: countersign or decline the proposal in CarePact.',
          `Deadline: ${en.deadline(due)}.`,
          `If it is not countersigned: the proposal lapses and the contract expires as planned after ${termEnd}.`,
        ],
        ics: { summary: '[CarePact] Renewal countersign deadline', date: due },
      }),
    };
  },

  'renewal-declined': (p) => {
    const termEnd = need('renewal-declined', p, 'termEnd');
    const newTermEnd = need('renewal-declined', p, 'newTermEnd');
    return {
      'zh-CN': () => ({
        subject: '【CarePact】续签提议已被对方拒绝',
        intro: `贵方提出的续签至${zh.date(newTermEnd)}的提议已被对方拒绝${p.reasons ? `，理由：${p.reasons}` : ''}。`,
        items: [`协议仍于${zh.date(termEnd)}期满后到期终止；如需继续合作，可另行提出续签提议。`],
      }),
      en: () => ({
        subject: '[CarePact] Renewal proposal declined',
        intro: `The other side declined your proposal to renew until ${newTermEnd}${p.reasons ? `. Reasons: ${p.reasons}` : '.'}`,
        items: [`The contract still expires after ${termEnd}; you may propose another renewal before then.`],
      }),
    };
  },

  'renewal-lapsed': (p) => {
    const due = need('renewal-lapsed', p, 'deadline');
    const termEnd = need('renewal-lapsed', p, 'termEnd');
    const newTermEnd = need('renewal-lapsed', p, 'newTermEnd');
    return {
      'zh-CN': () => ({
        subject: '【CarePact】续签提议未获会签，已失效',
        intro: `贵方提出的续签至${zh.date(newTermEnd)}的提议，对方未在${zh.date(due)}前会签，提议已失效。`,
        items: [`协议于${zh.date(termEnd)}期满后到期终止。`],
      }),
      en: () => ({
        subject: '[CarePact] Renewal proposal lapsed without countersignature',
        intro: `The other side did not countersign your proposal to renew until ${newTermEnd} by ${due}; it has lapsed.`,
        items: [`The contract expires as planned after ${termEnd}.`],
      }),
    };
  },
};

export interface RenderedProcessNotice {
  subject: string;
  text: string;
  ics?: { summary: string; description: string; date: string };
}

export function renderProcessNotice(
  name: ProcessNoticeName,
  locale: Locale,
  p: ProcessNoticeParams,
  x: Parties,
): RenderedProcessNotice {
  if (!Object.hasOwn(templates, name)) throw new Error(`Unknown notice ${JSON.stringify(name)}`);
  const draft = templates[name](p)[locale === 'zh-CN' ? 'zh-CN' : 'en']();
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
