import type { GradeConsequences } from '../domain/grading';
import type { Locale } from './notice-templates';
import { capitalize } from './notice-phrases';

/** Notices of the evaluation and rectification processes, in the recipient's language. */
export type EvaluationNoticeName =
  | 'evaluation-assigned'
  | 'evaluation-reminder'
  | 'evaluation-overdue'
  | 'evaluation-graded'
  | 'evaluation-cycle-closed'
  | 'rectification-ordered';

export interface EvaluationNoticeParams {
  recipientName: string;
  link: string;
  contractName?: string;
  count?: number;
  deadline?: string;
  grade?: string;
  weightedScore?: number;
  organizationName?: string;
  summary?: string;
  findings?: string;
  /** What the grade brings about under the policy it was given under (domain/grading.ts). */
  consequences?: GradeConsequences;
}

const GRADE = {
  'zh-CN': { excellent: '优秀', qualified: '合格', unqualified: '不合格' },
  en: { excellent: 'Excellent', qualified: 'Qualified', unqualified: 'Unqualified' },
} as const;

function need<T>(value: T | undefined, name: string, notice: string): T {
  if (value === undefined || value === null || value === '') throw new Error(`Notice "${notice}" needs ${name}`);
  return value;
}

type Render = (p: EvaluationNoticeParams, n: string) => { subject: string; text: string };

/** +30% for ×1.3, −20% for ×0.8: how far the grade's factor moves the subsidy. */
const percent = (bp: number) => `${Math.abs(bp - 10_000) / 100}%`;

/** The grade's consequences in the policy's own numbers; "nothing further" when the grade changes nothing. */
const consequenceOf: Record<Locale, (c: GradeConsequences) => string> = {
  'zh-CN': (c) => {
    const subsidy =
      c.subsidyFactorBp === 10_000
        ? ''
        : c.subsidyFactorBp === 0
          ? '按此等级不予发放补贴'
          : `补贴${c.subsidyFactorBp > 10_000 ? '上浮' : '下调'} ${percent(c.subsidyFactorBp)}`;
    const model = c.modelPriority ? `${subsidy ? '并' : ''}优先纳入示范创建` : '';
    const first = [subsidy, model].filter(Boolean).join('，');
    const order = c.rectificationOrder
      ? '须在限期内整改，整改通知另行发送；整改后仍不达标的，将撤销医养合作资格。'
      : '';
    return `${first ? `${first}。` : ''}${order}` || '无需进一步措施。';
  },
  en: (c) => {
    const subsidy =
      c.subsidyFactorBp === 10_000
        ? ''
        : c.subsidyFactorBp === 0
          ? 'no subsidy is paid at this grade'
          : `the subsidy ${c.subsidyFactorBp > 10_000 ? 'rises' : 'falls'} by ${percent(c.subsidyFactorBp)}`;
    const model = c.modelPriority ? 'the contract gets priority as a model' : '';
    const first = [subsidy, model].filter(Boolean).join(' and ');
    const order = c.rectificationOrder
      ? 'A rectification order with a time limit follows separately; ' +
        'failing after rectification, the cooperation qualification is revoked.'
      : '';
    return [first ? `${capitalize(first)}.` : '', order].filter(Boolean).join(' ') || 'Nothing further is required.';
  },
};

const templates: Record<EvaluationNoticeName, Record<Locale, Render>> = {
  'evaluation-assigned': {
    'zh-CN': (p, n) => ({
      subject: `【CarePact】第三方评估任务：${need(p.count, 'count', n)} 份合作协议`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `贵机构受托对 ${p.count} 份医养结合合作协议进行现场评估` +
        '（服务质量、老人满意度、合作成效三个维度，各 0–100 分），' +
        `请于 ${need(p.deadline, 'deadline', n)} 前提交评分。逾期将报告监管部门。\n\n` +
        `任务清单：${p.link}\n——CarePact`,
    }),
    en: (p, n) => ({
      subject: `[CarePact] Evaluation assignment: ${need(p.count, 'count', n)} contracts`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `Your organization is assigned on-site evaluations of ${p.count} cooperation contracts ` +
        '(service quality, elderly satisfaction, cooperation effectiveness; 0–100 each). ' +
        `Submit scores by ${need(p.deadline, 'deadline', n)}; overdue evaluations are reported to the regulator.\n\n` +
        `Assignments: ${p.link}\n— CarePact`,
    }),
  },
  'evaluation-reminder': {
    'zh-CN': (p, n) => ({
      subject: `【CarePact】评估即将到期：${need(p.contractName, 'contractName', n)}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.contractName} 的现场评估须于 ${need(p.deadline, 'deadline', n)} 前提交评分，逾期将报告监管部门。\n\n` +
        `提交评分：${p.link}\n——CarePact`,
    }),
    en: (p, n) => ({
      subject: `[CarePact] Evaluation due soon: ${need(p.contractName, 'contractName', n)}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The on-site evaluation of ${p.contractName} must be scored by ${need(p.deadline, 'deadline', n)}; ` +
        'after that it is reported to the regulator as overdue.\n\n' +
        `Submit scores: ${p.link}\n— CarePact`,
    }),
  },
  'evaluation-overdue': {
    'zh-CN': (p, n) => ({
      subject: `【CarePact】评估逾期：${need(p.contractName, 'contractName', n)}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `受托机构 ${need(p.organizationName, 'organizationName', n)} ` +
        `未在 ${need(p.deadline, 'deadline', n)} 前提交 ${p.contractName} 的评估评分，请督促。\n\n` +
        `评估详情：${p.link}\n——CarePact`,
    }),
    en: (p, n) => ({
      subject: `[CarePact] Evaluation overdue: ${need(p.contractName, 'contractName', n)}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `${need(p.organizationName, 'organizationName', n)} did not score the evaluation of ${p.contractName} ` +
        `by ${need(p.deadline, 'deadline', n)}. Please follow up.\n\n` +
        `Evaluation: ${p.link}\n— CarePact`,
    }),
  },
  'evaluation-graded': {
    'zh-CN': (p, n) => {
      const grade = need(p.grade, 'grade', n) as keyof (typeof GRADE)['en'];
      const consequence = consequenceOf['zh-CN'](need(p.consequences, 'consequences', n));
      return {
        subject: `【CarePact】评估结果：${GRADE['zh-CN'][grade]} — ${need(p.contractName, 'contractName', n)}`,
        text:
          `${p.recipientName}，您好：\n\n` +
          `${p.contractName} 本次第三方评估综合得分 ${need(p.weightedScore, 'weightedScore', n)}，` +
          `等级：${GRADE['zh-CN'][grade]}。${consequence}\n\n` +
          `详情：${p.link}\n——CarePact`,
      };
    },
    en: (p, n) => {
      const grade = need(p.grade, 'grade', n) as keyof (typeof GRADE)['en'];
      const consequence = consequenceOf.en(need(p.consequences, 'consequences', n));
      return {
        subject: `[CarePact] Evaluation result: ${GRADE.en[grade]} — ${need(p.contractName, 'contractName', n)}`,
        text:
          `Dear ${p.recipientName},\n\n` +
          `The third-party evaluation of ${p.contractName} scored ${need(p.weightedScore, 'weightedScore', n)} ` +
          `overall: ${GRADE.en[grade]}. ${consequence}\n\n` +
          `Details: ${p.link}\n— CarePact`,
      };
    },
  },
  'evaluation-cycle-closed': {
    'zh-CN': (p, n) => ({
      subject: '【CarePact】评估周期已结束',
      text:
        `${p.recipientName}，您好：\n\n` +
        `本轮第三方评估已全部完成。等级分布及评估机构一致性：${need(p.summary, 'summary', n)}\n\n` +
        `详情：${p.link}\n——CarePact`,
    }),
    en: (p, n) => ({
      subject: '[CarePact] Evaluation cycle closed',
      text:
        `Dear ${p.recipientName},\n\n` +
        'Every evaluation of the cycle is graded. ' +
        `Distribution and evaluator consistency: ${need(p.summary, 'summary', n)}\n\n` +
        `Details: ${p.link}\n— CarePact`,
    }),
  },
  'rectification-ordered': {
    'zh-CN': (p, n) => ({
      subject: `【CarePact】整改通知：${need(p.contractName, 'contractName', n)}`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.contractName} 评估等级为不合格，须于 ${need(p.deadline, 'deadline', n)} 前完成整改并提交证明材料。\n` +
        `存在问题：${need(p.findings, 'findings', n)}\n` +
        '逾期未提交经认可的整改材料，或复评仍不合格的，将发出拟撤销资格通知。\n\n' +
        `整改详情：${p.link}\n——CarePact`,
    }),
    en: (p, n) => ({
      subject: `[CarePact] Rectification order: ${need(p.contractName, 'contractName', n)}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `${p.contractName} was graded Unqualified. ` +
        `Rectify and submit evidence by ${need(p.deadline, 'deadline', n)}.\n` +
        `Findings: ${need(p.findings, 'findings', n)}\n` +
        'Without accepted evidence by then, or if the re-evaluation is Unqualified again, ' +
        'a notice of intended revocation follows.\n\n' +
        `The order: ${p.link}\n— CarePact`,
    }),
  },
};

export function renderEvaluationNotice(name: EvaluationNoticeName, locale: Locale, params: EvaluationNoticeParams) {
  return templates[name][locale](params, name);
}
