import type { LocalDate } from './calendar';
import type { Obligation } from './obligations';

/** What the engine does when a task is missed (the workflows' own rules, named for people). */
export const consequenceKinds = [
  'lapse',
  'warning',
  'regulator-notice',
  'recorded-miss',
  'request-escalation',
  'action-item-escalation',
  'evaluation-overdue',
  'revocation-notice',
  'revocation-notice-if-rejected',
  'finding-revocation-notice',
  'decision-reminder',
  'deemed-approval',
  'approval-overdue',
  'renewal-lapse',
  'revocation-may-be-confirmed',
] as const;
export type ConsequenceKind = (typeof consequenceKinds)[number];

export interface Consequence {
  kind: ConsequenceKind;
  /** The Asia/Shanghai date the engine acts. */
  on: LocalDate;
  description: { 'zh-CN': string; en: string };
}

const obligationNames: Record<Obligation, { 'zh-CN': string; en: string }> = {
  visit: { 'zh-CN': '本月上门巡诊', en: "this month's home visits" },
  meeting: { 'zh-CN': '本期对接会议', en: "this period's docking meeting" },
  survey: { 'zh-CN': '年度服务需求调查', en: "this year's service-demand survey" },
  'monthly-meeting': { 'zh-CN': '本月对接会议', en: "this month's docking meeting" },
  reexam: { 'zh-CN': '本季度慢性病复查', en: "this quarter's chronic-disease re-examinations" },
  'health-talk': { 'zh-CN': '本年度健康讲座', en: "this year's health talks" },
  referral: { 'zh-CN': '本月急诊转诊按时响应', en: "this month's timely emergency referral responses" },
};

type Describe = (on: LocalDate, what: { 'zh-CN': string; en: string }) => { 'zh-CN': string; en: string };

const descriptions: Record<ConsequenceKind, Describe> = {
  lapse: (on) => ({
    'zh-CN': `双方未在截止前签署，合同将于 ${on} 失效`,
    en: `Unless both parties sign in time, the contract lapses on ${on}`,
  }),
  warning: (on, what) => ({
    'zh-CN': `若未完成${what['zh-CN']}，将于 ${on} 向双方联络员发出警告`,
    en: `Missing ${what.en}: both liaison officers are warned on ${on}`,
  }),
  'regulator-notice': (on, what) => ({
    'zh-CN': `若未完成${what['zh-CN']}（连续未履行），将于 ${on} 通报监管部门`,
    en: `Missing ${what.en} again in a row: the regulator is notified on ${on}`,
  }),
  'recorded-miss': (on, what) => ({
    'zh-CN': `若未完成${what['zh-CN']}，将于 ${on} 记为未履行，计入合作成效评分`,
    en: `Missing ${what.en}: recorded as missed on ${on}, counting against the cooperation score`,
  }),
  'request-escalation': (on) => ({
    'zh-CN': `逾期未答复，将于 ${on} 上报监管部门`,
    en: `If unanswered, it is escalated to the regulator on ${on}`,
  }),
  'action-item-escalation': (on) => ({
    'zh-CN': `逾期未完成，将于 ${on} 通知双方联络员该事项已逾期`,
    en: `If not done, both liaison officers are told on ${on} that it is overdue`,
  }),
  'evaluation-overdue': (on) => ({
    'zh-CN': `逾期未提交评分，评估将于 ${on} 记为逾期`,
    en: `If no scores are submitted, the evaluation is recorded as overdue on ${on}`,
  }),
  'revocation-notice': (on) => ({
    'zh-CN': `若无被采纳的整改材料，将于 ${on} 发出拟撤销合作资格通知`,
    en: `Without accepted evidence, a notice of intended revocation is issued on ${on}`,
  }),
  'revocation-notice-if-rejected': (on) => ({
    'zh-CN': `截止日后驳回的材料无法再补交：将于 ${on} 起发出拟撤销合作资格通知`,
    en: `Evidence rejected after the deadline cannot be resubmitted: a notice of intended revocation follows from ${on}`,
  }),
  'finding-revocation-notice': (on) => ({
    'zh-CN': `该事项若逾期未提交整改计划或未获认可，将于 ${on} 发出拟撤销合作资格通知`,
    en: `Without this finding's plan of correction or accepted evidence, a notice of intended revocation is issued on ${on}`,
  }),
  'decision-reminder': (on) => ({
    'zh-CN': `陈述申辩期届满后，将于 ${on} 提醒作出撤销或撤回决定；决定前合同保持整改状态`,
    en: `Representations close; on ${on} you are reminded to confirm or withdraw, and the contract stays under rectification until you do`,
  }),
  'deemed-approval': (on) => ({
    'zh-CN': `逾期未决定的，合同将于 ${on} 视为通过备案并生效`,
    en: `Without a decision, the contract is deemed approved and takes effect on ${on}`,
  }),
  'approval-overdue': (on) => ({
    'zh-CN': `逾期未决定的，将于 ${on} 通报审核逾期，合同在决定前保持待审核状态`,
    en: `Without a decision, the approval is reported overdue on ${on}; the contract stays pending until you decide`,
  }),
  'renewal-lapse': (on) => ({
    'zh-CN': `逾期未会签的，续签提议将于 ${on} 失效，合同按原期限到期`,
    en: `Unless countersigned, the renewal proposal lapses on ${on} and the contract expires at its current term end`,
  }),
  'revocation-may-be-confirmed': (on) => ({
    'zh-CN': `陈述申辩期届满后，监管部门自 ${on} 起可确认撤销合作资格`,
    en: `Once representations close, the regulator may confirm the revocation from ${on}`,
  }),
};

const nothing = { 'zh-CN': '', en: '' };

export function consequenceOf(kind: ConsequenceKind, on: LocalDate, obligation?: Obligation): Consequence {
  return { kind, on, description: descriptions[kind](on, obligation ? obligationNames[obligation] : nothing) };
}
