import type { Locale } from './notice-templates';
import { zhCount } from './notice-phrases';

/** Notices of a rectification order: what is required, by when, and what happens otherwise. */
export type RectificationNoticeName =
  | 'rectification-reminder'
  | 'evidence-received'
  | 'evidence-reviewed'
  | 'rectification-extended'
  | 'revocation-notice'
  | 'revocation-decision-due'
  | 'revocation-withdrawn'
  | 'qualification-revoked'
  | 'rectification-closed';

export interface RectificationNoticeParams {
  recipientName: string;
  link: string;
  contractName: string;
  deadline: string;
  daysLeft?: number;
  reasons?: string;
  decision?: string;
  receipt?: string;
  representationsDeadline?: string;
  /** qualification-revoked: whose qualification (the findings' responsible sides); the medical institution if absent. */
  revokedInstitutionNames?: string;
  /** The policy's days for representations, counted from the notice's sending. */
  representationsDays?: number;
  /** The order's policy: how many extensions it allows. */
  maxExtensions?: number;
}

type Render = (p: RectificationNoticeParams) => { subject: string; text: string };
const zhSign = (p: RectificationNoticeParams) => `\n\n整改详情：${p.link}\n——CarePact`;
const enSign = (p: RectificationNoticeParams) => `\n\nThe order: ${p.link}\n— CarePact`;

function maxExtensions(p: RectificationNoticeParams): number {
  const n = p.maxExtensions;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new Error(
      `Notice "rectification-extended" needs maxExtensions as a whole number ≥ 1; got ${JSON.stringify(n)}`,
    );
  return n;
}
const zhExtensionLimit = (p: RectificationNoticeParams) =>
  maxExtensions(p) === 1 ? '延期仅限一次' : `延期最多${zhCount(maxExtensions(p))}次`;
const enExtensionLimit = (p: RectificationNoticeParams) =>
  maxExtensions(p) === 1 ? 'only one extension is allowed' : `at most ${maxExtensions(p)} extensions are allowed`;

const templates: Record<RectificationNoticeName, Record<Locale, Render>> = {
  'rectification-reminder': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改期限还剩 ${p.daysLeft} 天：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `请于 ${p.deadline} 前提交经认可的整改证明材料；逾期未获认可的，次日将发出拟撤销医养合作资格通知。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] ${p.daysLeft} day(s) left to rectify: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `Submit rectification evidence that the regulator can accept by ${p.deadline}. ` +
        'Without accepted evidence by then, a notice of intended revocation of the cooperation qualification ' +
        `follows the next day.${enSign(p)}`,
    }),
  },
  'evidence-received': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改材料回执：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        '已收到整改材料，回执如下（各文件的 SHA-256 校验值可用于核对）：\n' +
        `${p.receipt}\n` +
        `监管部门审核后将通知结果。整改期限仍为 ${p.deadline}。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Evidence receipt: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        'Your rectification evidence was received. ' +
        'Receipt (the SHA-256 of each file lets you verify what we hold):\n' +
        `${p.receipt}\n` +
        `The regulator will review it; the deadline remains ${p.deadline}.${enSign(p)}`,
    }),
  },
  'evidence-reviewed': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改材料${p.decision === 'accepted' ? '已认可' : '未予认可'}：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        '监管部门' +
        (p.decision === 'accepted'
          ? '认可了整改材料，将安排第三方现场复评'
          : `未认可本次整改材料，理由：${p.reasons}\n请在 ${p.deadline} 前重新提交`) +
        '。' +
        (p.decision === 'accepted' ? `\n意见：${p.reasons}` : '') +
        zhSign(p),
    }),
    en: (p) => ({
      subject: `[CarePact] Evidence ${p.decision === 'accepted' ? 'accepted' : 'rejected'}: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        (p.decision === 'accepted'
          ? `The regulator accepted the evidence; an on-site re-evaluation follows.\nComments: ${p.reasons}`
          : `The regulator did not accept the evidence. Reasons: ${p.reasons}\nSubmit again by ${p.deadline}.`) +
        enSign(p),
    }),
  },
  'rectification-extended': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改期限已延长至 ${p.deadline}：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `监管部门批准延期，新的整改期限为 ${p.deadline}（${zhExtensionLimit(p)}）。理由：${p.reasons}${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Rectification deadline extended to ${p.deadline}: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The regulator granted an extension: the new deadline is ${p.deadline} (${enExtensionLimit(p)}). ` +
        `Reason: ${p.reasons}${enSign(p)}`,
    }),
  },
  'revocation-notice': {
    'zh-CN': (p) => ({
      subject: `【CarePact】拟撤销医养合作资格通知：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `原因：${p.reasons}\n` +
        '拟撤销医疗机构在本区的医养合作资格并终止协议。' +
        `如有异议，请自本通知发出之日起 ${p.representationsDays} 日内（即 ${p.representationsDeadline} 前）` +
        '在 CarePact 中向监管部门陈述申辩（文字及材料），或声明不陈述申辩；' +
        `期满前监管部门不会确认撤销，其决定将逐项说明对陈述申辩的考虑。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Notice of intended revocation: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `Reason: ${p.reasons}\n` +
        "The medical institution's cooperation qualification in this region is to be revoked " +
        'and the contract terminated. ' +
        `Make representations to the regulator within ${p.representationsDays} days of this notice being sent, ` +
        `that is by ${p.representationsDeadline} (a text and files, in CarePact), or declare that you make none. ` +
        'The regulator does not confirm the revocation before then, and its decision records how each ' +
        `representation was considered.${enSign(p)}`,
    }),
  },
  'revocation-decision-due': {
    'zh-CN': (p) => ({
      subject: `【CarePact】请作出撤销决定：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `陈述申辩期已于 ${p.representationsDeadline} 结束，请确认撤销或撤回拟撤销决定。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Revocation decision due: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The representations window closed on ${p.representationsDeadline}. ` +
        `Confirm or withdraw the intended revocation.${enSign(p)}`,
    }),
  },
  'revocation-withdrawn': {
    'zh-CN': (p) => ({
      subject: `【CarePact】拟撤销决定已撤回：${p.contractName}`,
      text: `${p.recipientName}，您好：\n\n` + `监管部门撤回了拟撤销决定，协议继续有效。理由：${p.reasons}${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Intended revocation withdrawn: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The regulator withdrew the intended revocation; the contract continues. Reasons: ${p.reasons}${enSign(p)}`,
    }),
  },
  'qualification-revoked': {
    'zh-CN': (p) => ({
      subject: `【CarePact】医养合作资格已撤销：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `监管部门决定撤销${p.revokedInstitutionNames ?? '医疗机构'}在本区的医养合作资格，协议即行终止；` +
        '在监管部门恢复资格之前，该机构不得签订新的合作协议。' +
        `理由：${p.reasons}${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Cooperation qualification revoked: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The regulator revoked the cooperation qualification in this region of ${p.revokedInstitutionNames ?? 'the medical institution'}; ` +
        'the contract is terminated, and the institution may not sign new contracts here ' +
        `until a regulator reinstates it. Reasons: ${p.reasons}${enSign(p)}`,
    }),
  },
  'rectification-closed': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改完成，复评合格：${p.contractName}`,
      text: `${p.recipientName}，您好：\n\n复评结果为合格及以上，整改通知已关闭，协议恢复正常履行。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Rectification passed: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        'The re-evaluation graded the contract Qualified or better; ' +
        `the rectification order is closed and the contract is back to normal.${enSign(p)}`,
    }),
  },
};

export const rectificationNoticeNames = Object.keys(templates) as RectificationNoticeName[];

export function renderRectificationNotice(
  name: RectificationNoticeName,
  locale: Locale,
  params: RectificationNoticeParams,
) {
  return templates[name][locale](params);
}
