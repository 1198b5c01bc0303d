import type { Finding, PlanOfCorrection, ResponsibleSide } from '../domain/rectification-findings';
import type { Locale } from './notice-templates';

/** Notices of an order with itemized findings (issue 12): each finding, its side, its plan and its review. */
export type FindingNoticeName =
  'rectification-ordered' | 'finding-deadlines' | 'plan-of-correction-received' | 'finding-reviewed';

export interface FindingNoticeParams {
  recipientName: string;
  link: string;
  contractName: string;
  findings: Finding[];
  /** A regulator's direct order: its legal basis and reason; an evaluation's order has neither. */
  legalBasis?: string;
  reason?: string;
  planDays: number;
  deadlineDays: number;
  planDeadline?: string;
  deadline?: string;
  findingId?: string;
  plan?: PlanOfCorrection;
  decision?: string;
  reasons?: string;
}

type Render = (p: FindingNoticeParams) => { subject: string; text: string };

const SIDE: Record<Locale, Record<ResponsibleSide, string>> = {
  'zh-CN': { medical: '医疗机构', care: '养老机构', both: '双方（任一方）' },
  en: { medical: 'the medical institution', care: 'the elderly-care institution', both: 'either side' },
};

const zhList = (p: FindingNoticeParams) =>
  p.findings
    .map(
      (f) =>
        `${f.id}【${f.indicator}】${f.problem}\n    整改要求：${f.requiredCorrection}\n    责任方：${SIDE['zh-CN'][f.responsibleSide]}`,
    )
    .join('\n');
const enList = (p: FindingNoticeParams) =>
  p.findings
    .map(
      (f) =>
        `${f.id} [${f.indicator}] ${f.problem}\n    Required correction: ${f.requiredCorrection}\n` +
        `    Responsible: ${SIDE.en[f.responsibleSide]}`,
    )
    .join('\n');
const one = (p: FindingNoticeParams) => {
  const f = p.findings.find((x) => x.id === p.findingId);
  if (!f) throw new Error(`finding notice needs a finding ${p.findingId} of the order`);
  return f;
};
const need = (value: string | undefined, name: string) => {
  if (!value) throw new Error(`finding notice needs ${name}`);
  return value;
};
const zhSign = (p: FindingNoticeParams) => `\n\n整改详情：${p.link}\n——CarePact`;
const enSign = (p: FindingNoticeParams) => `\n\nThe order: ${p.link}\n— CarePact`;

const templates: Record<FindingNoticeName, Record<Locale, Render>> = {
  'rectification-ordered': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改通知：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        (p.legalBasis
          ? `监管部门依据 ${p.legalBasis} 责令整改。理由：${need(p.reason, 'reason')}\n`
          : `${p.contractName} 评估等级为不合格，须限期整改。\n`) +
        `存在问题（共 ${p.findings.length} 项）：\n${zhList(p)}\n\n` +
        `自本通知送达之日起 ${p.planDays} 日内，责任方须逐项提交整改计划（受影响对象、整改措施、责任人、监测方式、完成日期）；` +
        `${p.deadlineDays} 日内逐项提交整改证明材料并经认可。具体日期以送达日计算，另行通知。\n` +
        '任一事项逾期未提交计划或未获认可的，将发出拟撤销资格通知。' +
        zhSign(p),
    }),
    en: (p) => ({
      subject: `[CarePact] Rectification order: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        (p.legalBasis
          ? `The regulator orders rectification under ${p.legalBasis}. Reason: ${need(p.reason, 'reason')}\n`
          : `${p.contractName} was graded Unqualified and must be rectified within a time limit.\n`) +
        `Findings (${p.findings.length}):\n${enList(p)}\n\n` +
        `Within ${p.planDays} days of this notice's delivery, the responsible side submits a plan of correction for ` +
        'each finding (who was affected, what changes, who is responsible, how it is monitored, completion date); ' +
        `within ${p.deadlineDays} days, evidence for each finding that the regulator accepts. ` +
        'The dates count from delivery and follow in a separate notice.\n' +
        'A finding without a plan or accepted evidence by its deadline brings a notice of intended revocation.' +
        enSign(p),
    }),
  },
  'finding-deadlines': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改期限（自送达日起算）：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `整改通知已送达。整改计划截止：${need(p.planDeadline, 'planDeadline')}；` +
        `整改材料经认可截止：${need(p.deadline, 'deadline')}。\n` +
        `事项：${p.findings.map((f) => `${f.id}（${SIDE['zh-CN'][f.responsibleSide]}）`).join('，')}` +
        zhSign(p),
    }),
    en: (p) => ({
      subject: `[CarePact] Rectification deadlines (from delivery): ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The rectification order was delivered. Plans of correction are due by ${need(p.planDeadline, 'planDeadline')}; ` +
        `accepted evidence by ${need(p.deadline, 'deadline')}.\n` +
        `Findings: ${p.findings.map((f) => `${f.id} (${SIDE.en[f.responsibleSide]})`).join(', ')}` +
        enSign(p),
    }),
  },
  'plan-of-correction-received': {
    'zh-CN': (p) => ({
      subject: `【CarePact】整改计划已提交（${one(p).id}）：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${one(p).id}【${one(p).indicator}】的整改计划已由${SIDE['zh-CN'][p.plan!.side]}提交，` +
        `计划完成日期 ${p.plan!.completionDate}，责任人：${p.plan!.responsible}。` +
        `请于 ${need(p.deadline, 'deadline')} 前提交该事项的整改证明材料。` +
        zhSign(p),
    }),
    en: (p) => ({
      subject: `[CarePact] Plan of correction submitted (${one(p).id}): ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `${SIDE.en[p.plan!.side]} submitted the plan of correction for ${one(p).id} [${one(p).indicator}]: ` +
        `completion by ${p.plan!.completionDate}, responsible: ${p.plan!.responsible}. ` +
        `Evidence for this finding is due by ${need(p.deadline, 'deadline')}.` +
        enSign(p),
    }),
  },
  'finding-reviewed': {
    'zh-CN': (p) => ({
      subject: `【CarePact】${one(p).id} 整改材料${p.decision === 'accepted' ? '已认可' : '未予认可'}：${p.contractName}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `监管部门${p.decision === 'accepted' ? '认可' : '未认可'}了 ${one(p).id}【${one(p).indicator}】的整改材料。` +
        `理由：${need(p.reasons, 'reasons')}\n` +
        (p.decision === 'accepted'
          ? '全部事项认可后将安排第三方现场复评。'
          : `请在 ${need(p.deadline, 'deadline')} 前重新提交该事项的材料。`) +
        zhSign(p),
    }),
    en: (p) => ({
      subject: `[CarePact] ${one(p).id} evidence ${p.decision === 'accepted' ? 'accepted' : 'rejected'}: ${p.contractName}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The regulator ${p.decision === 'accepted' ? 'accepted' : 'did not accept'} the evidence for ` +
        `${one(p).id} [${one(p).indicator}]. Reasons: ${need(p.reasons, 'reasons')}\n` +
        (p.decision === 'accepted'
          ? 'Once every finding is accepted, an on-site re-evaluation follows.'
          : `Submit evidence for this finding again by ${need(p.deadline, 'deadline')}.`) +
        enSign(p),
    }),
  },
};

export function renderFindingNotice(name: FindingNoticeName, locale: Locale, params: FindingNoticeParams) {
  return templates[name][locale](params);
}

/** The calendar entries a notice carries: the plan and the evidence deadline of the order. */
export function findingIcsEvents(name: FindingNoticeName, locale: Locale, p: FindingNoticeParams) {
  if (name !== 'finding-deadlines') return [];
  const zh = locale === 'zh-CN';
  return [
    {
      key: 'plan',
      date: p.planDeadline!,
      summary: zh ? '【CarePact】整改计划截止' : '[CarePact] Plans of correction due',
    },
    {
      key: 'evidence',
      date: p.deadline!,
      summary: zh ? '【CarePact】整改材料截止' : '[CarePact] Rectification evidence due',
    },
  ].map((e) => ({ ...e, summary: `${e.summary}: ${p.contractName}`, description: p.link }));
}
