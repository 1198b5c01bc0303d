import { cite } from '../../../domain/sources';

/** The headline figures of a region's dashboard, in the order the page shows them. */
export const figureKeys = [
  'coverage',
  'regularService',
  'sparseVisitHomes',
  'meetingsOnTime',
  'requestsAnsweredInTime',
  'longestRequestWaitDays',
  'referralsWithinTarget',
  'referralMedianMinutes',
  'rectificationsOpen',
  'rectificationsOverdue',
  'revocations',
] as const;
export type FigureKey = (typeof figureKeys)[number];
export const trendKeys = [
  'regularService',
  'meetingsOnTime',
  'requestsAnsweredInTime',
  'referralsWithinTarget',
] as const;

type Text = { 'zh-CN': string; en: string };
const RATIO: Text = {
  'zh-CN': '比率 = 分子 ÷ 分母（分母为 0 时无值）。',
  en: 'Rate = numerator ÷ denominator (none when the denominator is 0).',
};
const MEASURE: Text = { 'zh-CN': '数值即分子，分母为 1。', en: 'The value is the numerator; the denominator is 1.' };

/** What each figure counts, as the page explains it; windows are whole months in Asia/Shanghai. */
const figureText: Record<FigureKey | 'subsidy' | 'trend' | 'grades', Text> = {
  coverage: {
    'zh-CN': '签约覆盖率：本区有生效合同（履约中或整改中）的养老机构数 ÷ 本区登记的养老机构总数（当前）。',
    en:
      'Coverage: elderly-care homes of the region with a contract in force (active or rectifying) ÷ all registered ' +
      'elderly-care homes of the region (now).',
  },
  regularService: {
    'zh-CN': '常态化服务率：窗口内每个上门服务周期均达标的生效合同数 ÷ 窗口内有已结上门服务周期的生效合同数。',
    en:
      'Regular-service rate: contracts in force whose every visit period in the window was met ÷ contracts in ' +
      'force with a closed visit period in the window.',
  },
  sparseVisitHomes: {
    'zh-CN':
      '上门不足养老机构占比：窗口内平均每月上门次数（按窗口内结束的上门周期计）少于政策阈值（默认 1 次）的' +
      '签约养老机构数 ÷ 有生效合同的养老机构数。',
    en:
      'Homes short of visits: homes with a contract in force averaging fewer visits a month in the window ' +
      '(as counted against the visit periods closing in it) than the policy threshold (default 1) ÷ ' +
      'homes with a contract in force.',
  },
  meetingsOnTime: {
    'zh-CN': '对接会议按时率：窗口内结束且已达标的对接会议周期数 ÷ 窗口内结束的对接会议周期数。',
    en:
      'Docking meetings on time: meeting periods ending in the window that were met ÷ meeting periods ending in ' +
      'the window.',
  },
  requestsAnsweredInTime: {
    'zh-CN': '诉求按期答复率：窗口内提出、在答复期限当日或之前答复的诉求数 ÷ 窗口内提出且已答复或已过期限的诉求数。',
    en:
      'Requests answered in time: requests raised in the window answered on or before their deadline ÷ requests ' +
      'raised in the window that were answered or are past their deadline.',
  },
  longestRequestWaitDays: {
    'zh-CN': '最长等待天数：窗口内等待过的诉求（含仍未答复者，计至今日）从提出到答复的最长天数。',
    en:
      'Longest wait (days): the longest time from raising to answer among requests waiting during the window, open ' +
      'ones counted to today.',
  },
  referralsWithinTarget: {
    'zh-CN': '转诊达标率：窗口内在目标时限内响应的急诊转诊数 ÷ 窗口内的转诊总数。',
    en:
      'Referrals within target: referrals requested in the window answered within their target ÷ all referrals ' +
      'requested in the window.',
  },
  referralMedianMinutes: {
    'zh-CN': '转诊响应中位数（分钟）：窗口内转诊响应时间的中位数。',
    en: 'Median referral response (minutes) over the referrals requested in the window.',
  },
  rectificationsOpen: {
    'zh-CN': '在办整改：本区尚未结束的整改令数（当前）。',
    en: 'Open rectifications: rectification orders of the region not yet closed (now).',
  },
  rectificationsOverdue: {
    'zh-CN': '逾期整改：尚未结束且已过整改期限的整改令数（当前）。',
    en: 'Overdue rectifications: open rectification orders past their deadline (now).',
  },
  revocations: {
    'zh-CN': '撤销资格：窗口内撤销的合作资格数。',
    en: 'Revocations: cooperation qualifications revoked in the window.',
  },
  subsidy: {
    'zh-CN':
      '年度补贴总额（元）：窗口结束月所在年度、生效合同按' +
      `${cite('chongqingContracting', '3.3')}公式计算的补贴之和（以分计算，当前等级）。`,
    en:
      'Subsidy total (yuan): the sum over contracts in force of the annual subsidy of the year the window ends in, ' +
      `by ${cite('chongqingContracting', '3.3')}, computed in fen with the current grade.`,
  },
  trend: {
    'zh-CN': '逐月趋势：同上比率按月计算（上门周期按所属月份，会议周期按结束月份，诉求按提出月份，转诊按请求月份）。',
    en:
      'Monthly trend: the same rates month by month (visit periods by their month, meeting periods by the month ' +
      'they end, requests by the month raised, referrals by the month requested).',
  },
  grades: {
    'zh-CN': '等级分布：与窗口重叠的各评估周期中优秀、合格、不合格及待评的合同数。',
    en:
      'Grade distribution: Excellent, Qualified, Unqualified and not yet graded evaluations in each evaluation ' +
      'cycle overlapping the window.',
  },
};

const ratios: ReadonlySet<string> = new Set([
  'coverage',
  'regularService',
  'sparseVisitHomes',
  'meetingsOnTime',
  'requestsAnsweredInTime',
  'referralsWithinTarget',
]);
export const isRatio = (key: FigureKey) => ratios.has(key);

export function definitions(): Record<'zh-CN' | 'en', Record<string, string>> {
  const note = (key: string) =>
    ratios.has(key) ? RATIO : (figureKeys as readonly string[]).includes(key) ? MEASURE : undefined;
  const of = (locale: 'zh-CN' | 'en') =>
    Object.fromEntries(
      Object.entries(figureText).map(([key, text]) => [
        key,
        [text[locale], note(key)?.[locale]].filter(Boolean).join(' '),
      ]),
    );
  return { 'zh-CN': of('zh-CN'), en: of('en') };
}

/** The seeds' Chongqing figures (end of 2023) beside the region's own, where one exists. */
export const references: Partial<Record<FigureKey, { value: number; text: Text; source: string }>> = {
  coverage: {
    value: 0.923,
    text: { 'zh-CN': '重庆市 2023 年末签约覆盖率 92.3%', en: 'Chongqing, end of 2023: coverage 92.3%' },
    source: cite('chongqingContracting', '1'),
  },
  regularService: {
    value: 0.68,
    text: {
      'zh-CN': '重庆市 2,107 对签约双方中 68% 开展了常态化服务',
      en: 'Chongqing: 68% of 2,107 contracting pairs delivered regular services',
    },
    source: cite('chongqingContracting', '1'),
  },
  sparseVisitHomes: {
    value: 0.42,
    text: {
      'zh-CN': '42% 的养老机构反映上门服务每月不足一次',
      en: '42% of elderly-care homes reported fewer than one home visit a month',
    },
    source: cite('chongqingContracting', '2'),
  },
  longestRequestWaitDays: {
    value: 90,
    text: {
      'zh-CN': '彭水县一家养老机构的服务需求 3 个月未获答复',
      en: 'A home in Pengshui County waited 3 months for an answer',
    },
    source: cite('chongqingContracting', '2'),
  },
};
