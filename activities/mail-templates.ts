import type { Locale } from '../stores/user-store';

export interface ContractMailParams {
  contractId: string;
  medicalName: string;
  careName: string;
  recipientName: string;
  reason?: string;
  deadline?: string;
  contractUrl: string;
  /** The contract's policy: docking meetings each month or each quarter (domain/policy.ts). */
  meetingPeriod?: 'month' | 'quarter';
}

export interface RenderedMail {
  subject: string;
  text: string;
}

type Template = Record<Locale, (p: ContractMailParams) => RenderedMail>;

function meetingPeriod(p: ContractMailParams): 'month' | 'quarter' {
  if (p.meetingPeriod !== 'month' && p.meetingPeriod !== 'quarter')
    throw new Error(
      `Mail "contract-activated" needs meetingPeriod "month" or "quarter"; got ${JSON.stringify(p.meetingPeriod)}`,
    );
  return p.meetingPeriod;
}

const footer = {
  'zh-CN': (p: ContractMailParams) => `\n\n查看合同：${p.contractUrl}\n——CarePact 医养结合签约监管`,
  en: (p: ContractMailParams) =>
    `\n\nView the contract: ${p.contractUrl}\n— CarePact, medical–elderly-care contract supervision`,
};

export const contractTemplates = {
  'contract-lapsed': {
    'zh-CN': (p) => ({
      subject: `【CarePact】合作协议未在期限内签署，已失效：${p.medicalName} — ${p.careName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.medicalName} 与 ${p.careName} 的医养结合合作协议未能在签署期限（${p.deadline}）前` +
        `由双方签署，现已失效。如仍需合作，请重新起草协议。${footer['zh-CN'](p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Contract lapsed unsigned: ${p.medicalName} — ${p.careName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The cooperation contract between ${p.medicalName} and ${p.careName} was not signed by both parties ` +
        `before its signing deadline (${p.deadline}) and has lapsed. To cooperate, draft a new contract.` +
        footer.en(p),
    }),
  },
  'contract-activated': {
    'zh-CN': (p) => ({
      subject: `【CarePact】合作协议已生效：${p.medicalName} — ${p.careName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `双方均已签署，${p.medicalName} 与 ${p.careName} 的医养结合合作协议现已生效。` +
        `每月上门服务、${meetingPeriod(p) === 'month' ? '每月' : '每季度'}对接会议及年度需求调查将由系统提醒。` +
        footer['zh-CN'](p),
    }),
    en: (p) => ({
      subject: `[CarePact] Contract now active: ${p.medicalName} — ${p.careName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `Both parties have signed: the cooperation contract between ${p.medicalName} and ${p.careName} ` +
        'is now active. CarePact will remind you of monthly home visits, ' +
        `${meetingPeriod(p) === 'month' ? 'monthly' : 'quarterly'} docking meetings and the annual demand survey.` +
        footer.en(p),
    }),
  },
  'contract-expired': {
    'zh-CN': (p) => ({
      subject: `【CarePact】合作协议已到期：${p.medicalName} — ${p.careName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.medicalName} 与 ${p.careName} 的医养结合合作协议已到期终止。如需继续合作，请续签。${footer['zh-CN'](p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Contract expired: ${p.medicalName} — ${p.careName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The cooperation contract between ${p.medicalName} and ${p.careName} has reached the end of its term ` +
        `and expired. Renew it to continue the cooperation.${footer.en(p)}`,
    }),
  },
  'contract-terminated': {
    'zh-CN': (p) => ({
      subject: `【CarePact】合作协议已终止：${p.medicalName} — ${p.careName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.medicalName} 与 ${p.careName} 的医养结合合作协议已终止。\n` +
        `终止原因：${p.reason ?? ''}${footer['zh-CN'](p)}`,
    }),
    en: (p) => ({
      subject: `[CarePact] Contract terminated: ${p.medicalName} — ${p.careName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The cooperation contract between ${p.medicalName} and ${p.careName} has been terminated.\n` +
        `Reason: ${p.reason ?? ''}${footer.en(p)}`,
    }),
  },
} satisfies Record<string, Template>;

export type ContractTemplateName = keyof typeof contractTemplates;

export function renderContractMail(
  name: ContractTemplateName,
  locale: Locale,
  params: ContractMailParams,
): RenderedMail {
  return contractTemplates[name][locale](params);
}
