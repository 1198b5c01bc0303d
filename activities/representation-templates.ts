import type { Locale } from './notice-templates';

/** Mails of the notice step (issue 12): representations received or declared none, the window closing, the reach. */
export type RepresentationNoticeName =
  'representations-received' | 'representations-waived' | 'representations-reminder' | 'revocation-reach';

export interface RepresentationNoticeParams {
  recipientName: string;
  link: string;
  contractName: string;
  /** The institution that filed or declared. */
  institutionName?: string;
  representationsDeadline?: string;
  daysLeft?: number;
  receipt?: string;
  reasons?: string;
  /** revocation-reach: the institution whose qualification was revoked, and the contract whose order did it. */
  revokedInstitutionName?: string;
  orderContractName?: string;
}

type Render = (p: RepresentationNoticeParams) => { subject: string; text: string };
const zhSign = (p: RepresentationNoticeParams) => `\n\n详情：${p.link}\n——CarePact`;
const enSign = (p: RepresentationNoticeParams) => `\n\nDetails: ${p.link}\n— CarePact`;

const templates: Record<RepresentationNoticeName, Record<Locale, Render>> = {
  'representations-received': {
    'zh-CN': (p) => ({
      subject: `【CarePact】陈述申辩回执：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `已收到${p.institutionName}针对拟撤销医养合作资格通知的陈述申辩，回执如下（SHA-256 校验值可用于核对）：\n` +
        `${p.receipt}\n` +
        `陈述申辩期至 ${p.representationsDeadline}；监管部门作出决定时将逐项说明采纳情况。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Representations received: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `${p.institutionName}'s representations against the notice of intended revocation were received. ` +
        'Receipt (the SHA-256 of each part lets you verify what we hold):\n' +
        `${p.receipt}\n` +
        `Representations may be made until ${p.representationsDeadline}; ` +
        `the regulator's decision records how each was considered.${enSign(p)}`,
    }),
  },
  'representations-waived': {
    'zh-CN': (p) => ({
      subject: `【CarePact】声明不陈述申辩：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.institutionName}声明不就拟撤销医养合作资格通知陈述申辩。` +
        `双方均作此声明后，监管部门可在陈述申辩期届满前作出决定。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] No representations declared: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `${p.institutionName} declared it makes no representations against the notice of intended revocation. ` +
        `Once both parties have so declared, the regulator may decide before the window closes.${enSign(p)}`,
    }),
  },
  'representations-reminder': {
    'zh-CN': (p) => ({
      subject: `【CarePact】陈述申辩期还剩 ${p.daysLeft} 天：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `针对拟撤销医养合作资格通知的陈述申辩请于 ${p.representationsDeadline} 前提交（文字及材料），` +
        `或声明不陈述申辩；期满后监管部门可确认撤销。${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] ${p.daysLeft} day(s) left for representations: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `Representations against the notice of intended revocation (a text and files) are due by ` +
        `${p.representationsDeadline}, or declare that you make none; ` +
        `after that the regulator may confirm the revocation.${enSign(p)}`,
    }),
  },
  'revocation-reach': {
    'zh-CN': (p) => ({
      subject: `【CarePact】合作资格撤销，协议终止：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `因协议“${p.orderContractName}”整改未通过，监管部门撤销了${p.revokedInstitutionName}在本区的医养合作资格。` +
        `依本区政策，撤销及于该机构在本区的全部合作协议，本协议即行终止。理由：${p.reasons}${zhSign(p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Cooperation qualification revoked; contract ended: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `After the failed rectification of the contract ${p.orderContractName}, the regulator revoked ` +
        `${p.revokedInstitutionName}'s cooperation qualification in this region. Under this region's policy ` +
        `the revocation reaches all of that institution's contracts here: this contract has ended. ` +
        `Reasons: ${p.reasons}${enSign(p)}`,
    }),
  },
};

export const representationNoticeNames = Object.keys(templates) as RepresentationNoticeName[];

export function renderRepresentationNotice(
  name: RepresentationNoticeName,
  locale: Locale,
  params: RepresentationNoticeParams,
) {
  return templates[name][locale](params);
}
