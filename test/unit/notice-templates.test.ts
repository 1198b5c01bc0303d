import { buildIcs } from '../../activities/ics';
import {
  ladderOf,
  noticeNames,
  renderNotice,
  type Locale,
  type NoticeName,
  type NoticeParams,
} from '../../activities/notice-templates';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';

const locales: Locale[] = ['zh-CN', 'en'];

const base: NoticeParams = {
  recipientName: '王芳',
  medicalName: '渝中区人民医院',
  careName: '幸福养老院',
  contractUrl: 'https://carepact.example/contracts/c-1',
};

const ladder = ladderOf(defaultPolicy);

/** The parameters each notice needs, and nothing more. */
const paramsFor: Record<NoticeName, NoticeParams> = {
  'obligation-reminder': {
    ...base,
    obligation: 'visit',
    periodKey: '2027-03',
    dueDate: '2027-03-31',
    required: 2,
    actual: 1,
    ladder,
  },
  'obligation-missed-warning': {
    ...base,
    obligation: 'visit',
    periodKey: '2027-03',
    dueDate: '2027-03-31',
    required: 2,
    actual: 1,
    ladder,
  },
  'obligation-missed-regulator-notice': {
    ...base,
    obligation: 'visit',
    periodKey: '2027-03',
    required: 2,
    actual: 0,
    consecutiveMisses: 2,
    ladder,
  },
  'request-reminder': { ...base, subject: '增加康复护理服务频次', dueDate: '2027-04-14' },
  'request-overdue': { ...base, subject: '增加康复护理服务频次', dueDate: '2027-04-14' },
  'action-item-reminder': { ...base, subject: '提交慢病复查名单', ownerName: '李明', dueDate: '2027-04-20' },
  'action-item-overdue': { ...base, subject: '提交慢病复查名单', ownerName: '李明', dueDate: '2027-04-20' },
  'renewal-reminder': { ...base, termEnd: '2027-12-31' },
  'contract-renewed': { ...base, termEnd: '2027-12-31', newTermEnd: '2029-12-31' },
  'contract-expired': { ...base, termEnd: '2027-12-31' },
};

const reminders: Partial<Record<NoticeName, string>> = {
  'obligation-reminder': '2027-03-31',
  'request-reminder': '2027-04-14',
  'action-item-reminder': '2027-04-20',
  'renewal-reminder': '2027-12-31',
};

const cases = noticeNames.flatMap((name) => locales.map((locale) => [name, locale] as const));

describe('renderNotice', () => {
  it('has parameters for every notice', () => {
    expect(Object.keys(paramsFor).sort()).toEqual([...noticeNames].sort());
  });

  it.each(cases)('%s renders in %s with no missing values and ends with the link and a signature', (name, locale) => {
    const n = renderNotice(name, locale, paramsFor[name]);
    for (const s of [n.subject, n.text, n.ics?.summary ?? '', n.ics?.description ?? '']) {
      expect(s).not.toMatch(/undefined|null|NaN|\[object/);
    }
    expect(n.subject).not.toMatch(/\n/);
    const lines = n.text.split('\n');
    expect(lines.at(-2)).toMatch(/https:\/\/carepact\.example\/contracts\/c-1$/);
    if (locale === 'zh-CN') {
      expect(n.subject.startsWith('【CarePact】')).toBe(true);
      expect(n.text.startsWith('王芳，您好：')).toBe(true);
      expect(lines.at(-1)).toBe('——CarePact 医养结合签约监管');
    } else {
      expect(n.subject.startsWith('[CarePact] ')).toBe(true);
      expect(n.text.startsWith('Dear 王芳,')).toBe(true);
      expect(lines.at(-1)).toBe('— CarePact, medical–elderly-care contract supervision');
    }
    expect(n.subject).toContain('渝中区人民医院 — 幸福养老院');
  });

  it.each(cases)(
    '%s in %s carries a calendar entry only if it is a reminder, dated on its deadline',
    (name, locale) => {
      const n = renderNotice(name, locale, paramsFor[name]);
      const due = reminders[name];
      if (!due) {
        expect(n.ics).toBeUndefined();
        return;
      }
      expect(n.ics?.date).toBe(due);
      expect(n.ics?.summary.startsWith(locale === 'zh-CN' ? '【CarePact】' : '[CarePact] ')).toBe(true);
      expect(n.ics?.description).toContain(due);
      expect(n.ics?.description).toContain('https://carepact.example/contracts/c-1');
      const ics = buildIcs({
        uid: `${name}:c-1`,
        date: n.ics!.date,
        summary: n.ics!.summary,
        description: n.ics!.description,
        stamp: '2027-03-01T00:00:00Z',
      });
      expect(ics).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);
    },
  );

  it('writes each reminder summary in the recipient language', () => {
    const zh = renderNotice('obligation-reminder', 'zh-CN', paramsFor['obligation-reminder']);
    const en = renderNotice('obligation-reminder', 'en', paramsFor['obligation-reminder']);
    expect(zh.ics?.summary).toContain('上门服务（巡诊）');
    expect(en.ics?.summary).toContain('home visits');
  });

  it('shows dates as given and, in Chinese, also written out', () => {
    const zh = renderNotice('obligation-reminder', 'zh-CN', paramsFor['obligation-reminder']);
    expect(zh.text).toContain('2027年3月31日（2027-03-31）');
    expect(zh.subject).toContain('2027年3月31日');
    expect(renderNotice('obligation-reminder', 'en', paramsFor['obligation-reminder']).text).toContain('2027-03-31');
    expect(renderNotice('renewal-reminder', 'zh-CN', paramsFor['renewal-reminder']).text).toContain(
      '2027年12月31日（2027-12-31',
    );
  });

  describe('says what, by when, and what happens otherwise', () => {
    it('home-visit reminder: required, recorded so far, still needed, deadline, ladder', () => {
      const zh = renderNotice('obligation-reminder', 'zh-CN', paramsFor['obligation-reminder']).text;
      expect(zh).toContain('2027年3月（2027-03）须完成上门服务（巡诊）2次；截至目前已登记1次，尚需1次');
      expect(zh).toContain('当日24:00前（北京时间）');
      expect(zh).toMatch(/首次未履行.*双方联络员.*连续两期未履行.*监管部门.*合作成效/);
      const en = renderNotice('obligation-reminder', 'en', paramsFor['obligation-reminder']).text;
      expect(en).toContain('2 home visits in March 2027 (2027-03); 1 recorded so far, 1 still needed');
      expect(en).toContain('Deadline: end of 2027-03-31 (China Standard Time)');
      expect(en).toMatch(
        /first miss.*both liaison officers.*second consecutive miss.*district regulator.*cooperation-effectiveness score/s,
      );
    });

    it('says so when the visits recorded already meet the requirement', () => {
      const p = { ...paramsFor['obligation-reminder'], actual: 3 };
      expect(renderNotice('obligation-reminder', 'zh-CN', p).text).toContain('已登记3次，已满足本期要求');
      expect(renderNotice('obligation-reminder', 'en', p).text).toContain(
        '3 recorded so far, so the requirement is met',
      );
    });

    it('meeting and survey reminders name the quarter and the year', () => {
      const meeting: NoticeParams = {
        ...base,
        obligation: 'meeting',
        periodKey: '2027-Q1',
        dueDate: '2027-03-31',
        ladder,
      };
      expect(renderNotice('obligation-reminder', 'zh-CN', meeting).text).toContain(
        '2027年第一季度（2027-Q1）须召开对接会议1次',
      );
      expect(renderNotice('obligation-reminder', 'en', meeting).text).toContain(
        '1 docking meeting between the two parties in January–March 2027 (2027-Q1)',
      );
      const survey: NoticeParams = {
        ...base,
        obligation: 'survey',
        periodKey: '2027',
        dueDate: '2027-12-31',
        actual: 0,
        ladder,
      };
      expect(renderNotice('obligation-reminder', 'zh-CN', survey).subject).toContain('2027年度服务需求调查');
      expect(renderNotice('obligation-reminder', 'en', survey).text).toContain(
        '1 annual service-demand survey in calendar year 2027 (2027); 0 recorded so far, 1 still needed',
      );
    });

    it('first-miss warning: the missed period, the shortfall, the next period and the regulator threat', () => {
      const zh = renderNotice('obligation-missed-warning', 'zh-CN', paramsFor['obligation-missed-warning']).text;
      expect(zh).toContain('2027年3月（2027-03）');
      expect(zh).toContain('应完成2次，实际登记1次');
      expect(zh).toContain('2027年4月（2027-04）');
      expect(zh).toContain('连续两期未履行的，将报告区县监管部门');
      const en = renderNotice('obligation-missed-warning', 'en', paramsFor['obligation-missed-warning']).text;
      expect(en).toContain('were not completed by 2027-03-31 (2 required, 1 recorded)');
      expect(en).toContain('April 2027 (2027-04)');
      expect(en).toContain('a second consecutive miss is reported to the district regulator');
      const meeting = renderNotice('obligation-missed-warning', 'en', {
        ...base,
        obligation: 'meeting',
        periodKey: '2027-Q4',
        ladder,
      }).text;
      expect(meeting).toContain('The docking meeting for October–December 2027 (2027-Q4) was not completed');
      expect(meeting).toContain('January–March 2028 (2028-Q1), is done on time');
    });

    it('regulator notice: the consecutive misses, the period key and the consequences', () => {
      const zh = renderNotice(
        'obligation-missed-regulator-notice',
        'zh-CN',
        paramsFor['obligation-missed-regulator-notice'],
      );
      expect(zh.subject).toContain('连续2期未履行');
      expect(zh.text).toContain('已连续2期未按要求完成，最近一期为2027年3月（2027-03），应完成2次，实际登记0次');
      expect(zh.text).toContain('已报告区县监管部门');
      expect(zh.text).toMatch(/不合格.*限期整改.*取消合作资格/);
      const en = renderNotice(
        'obligation-missed-regulator-notice',
        'en',
        paramsFor['obligation-missed-regulator-notice'],
      );
      expect(en.subject).toContain('missed 2 periods in a row');
      expect(en.text).toContain(
        'missed for 2 consecutive periods, most recently March 2027 (2027-03) (2 required, 0 recorded)',
      );
      expect(en.text).toContain('reported to the district regulator');
    });

    it('requests: answer by the due date or the regulator is notified', () => {
      const en = renderNotice('request-reminder', 'en', paramsFor['request-reminder']).text;
      expect(en).toContain('"增加康复护理服务频次"');
      expect(en).toContain('Deadline: end of 2027-04-14');
      expect(en).toContain('the district regulator is notified');
      expect(renderNotice('request-overdue', 'zh-CN', paramsFor['request-overdue']).text).toContain(
        '已通知区县监管部门',
      );
    });

    it('action items: the item, its owner and its deadline', () => {
      const zh = renderNotice('action-item-reminder', 'zh-CN', paramsFor['action-item-reminder']).text;
      expect(zh).toContain('事项：提交慢病复查名单');
      expect(zh).toContain('负责人：李明');
      expect(zh).toContain('2027年4月20日（2027-04-20）');
    });

    it('renewal: the last day of the term, and expiry the day after', () => {
      const en = renderNotice('renewal-reminder', 'en', paramsFor['renewal-reminder']).text;
      expect(en).toContain('runs until 2027-12-31 (inclusive)');
      expect(en).toContain('expires at 00:00 on 2028-01-01');
      const zh = renderNotice('renewal-reminder', 'zh-CN', paramsFor['renewal-reminder']).text;
      expect(zh).toContain('2028年1月1日（2028-01-01）零时');
      expect(renderNotice('contract-renewed', 'zh-CN', paramsFor['contract-renewed']).text).toContain(
        '新的协议期限至2029年12月31日（2029-12-31，含当日）',
      );
    });
  });

  it('is deterministic', () => {
    for (const [name, locale] of cases)
      expect(renderNotice(name, locale, paramsFor[name])).toEqual(renderNotice(name, locale, paramsFor[name]));
  });

  describe("states the contract's own escalation ladder, in both languages", () => {
    const withPolicy = (name: NoticeName, overrides: Parameters<typeof resolvePolicy>[0]) => ({
      ...paramsFor[name],
      ladder: ladderOf(resolvePolicy(overrides)),
    });
    const threeToRegulator = { obligations: { escalation: { notifyRegulatorAfterConsecutiveMisses: 3 } } };

    it('the default ladder reads as before: a first miss warns, a second in a row goes to the regulator, evaluations twice a year', () => {
      const zh = renderNotice('obligation-reminder', 'zh-CN', paramsFor['obligation-reminder']).text;
      expect(zh).toContain(
        '首次未履行，系统向双方联络员发出警告；连续两期未履行，报告区县监管部门。未履行记录计入每半年一次第三方评估',
      );
      const en = renderNotice('obligation-reminder', 'en', paramsFor['obligation-reminder']).text;
      expect(en).toContain(
        'A first miss sends a warning to both liaison officers; ' +
          'a second consecutive miss is reported to the district regulator. ' +
          'Misses count against the cooperation-effectiveness score of the twice-yearly third-party evaluation.',
      );
    });

    it('a region that reports the third consecutive miss says so in every obligation notice, and no second', () => {
      for (const name of ['obligation-reminder', 'obligation-missed-warning'] as const) {
        const zh = renderNotice(name, 'zh-CN', withPolicy(name, threeToRegulator)).text;
        expect(zh).toContain('连续三期未履行');
        expect(zh).not.toMatch(/连续两期|连续2期/);
        const en = renderNotice(name, 'en', withPolicy(name, threeToRegulator)).text;
        expect(en).toContain('a third consecutive miss is reported to the district regulator');
        expect(en).not.toContain('second');
      }
    });

    it('a warning with more misses to go before the regulator says the misses must go on, not "again"', () => {
      const p = withPolicy('obligation-missed-warning', threeToRegulator);
      expect(renderNotice('obligation-missed-warning', 'zh-CN', { ...p, consecutiveMisses: 1 }).text).toContain(
        '如继续未履行：连续三期未履行的，将报告区县监管部门',
      );
      expect(renderNotice('obligation-missed-warning', 'en', { ...p, consecutiveMisses: 1 }).text).toContain(
        'If the misses go on: a third consecutive miss is reported',
      );
      expect(renderNotice('obligation-missed-warning', 'zh-CN', { ...p, consecutiveMisses: 2 }).text).toContain(
        '如再次未履行：连续三期未履行的',
      );
      expect(renderNotice('obligation-missed-warning', 'en', { ...p, consecutiveMisses: 2 }).text).toContain(
        'If it is missed again: a third consecutive miss',
      );
    });

    it('a later warning, a regulator at the first miss, a yearly evaluation and numbers past ten', () => {
      const later = withPolicy('obligation-reminder', {
        obligations: { escalation: { warnAfterMisses: 2, notifyRegulatorAfterConsecutiveMisses: 12 } },
      });
      expect(renderNotice('obligation-reminder', 'zh-CN', later).text).toContain(
        '连续两期未履行，系统向双方联络员发出警告；连续12期未履行，报告区县监管部门',
      );
      expect(renderNotice('obligation-reminder', 'en', later).text).toContain(
        'A second consecutive miss sends a warning to both liaison officers; a 12th consecutive miss is reported',
      );
      const atOnce = withPolicy('obligation-reminder', {
        obligations: { escalation: { notifyRegulatorAfterConsecutiveMisses: 1 } },
      });
      expect(renderNotice('obligation-reminder', 'zh-CN', atOnce).text).toContain(
        '本期记为未履行：首次未履行，报告区县监管部门。',
      );
      expect(renderNotice('obligation-reminder', 'en', atOnce).text).toContain(
        'recorded as missed. A first miss is reported to the district regulator.',
      );
      const yearly = withPolicy('obligation-missed-regulator-notice', { evaluation: { cyclesPerYear: 1 } });
      expect(renderNotice('obligation-missed-regulator-notice', 'zh-CN', yearly).text).toContain(
        '计入每年一次第三方评估',
      );
      expect(renderNotice('obligation-missed-regulator-notice', 'en', yearly).text).toContain(
        'score of the yearly third-party evaluation',
      );
    });
  });

  describe('refuses to render a notice with a missing or wrong parameter', () => {
    const without = (name: NoticeName, key: keyof NoticeParams): NoticeParams => {
      const p = { ...paramsFor[name] };
      delete p[key];
      return p;
    };

    it.each([
      ['obligation-reminder', 'dueDate'],
      ['obligation-reminder', 'periodKey'],
      ['obligation-reminder', 'obligation'],
      ['obligation-reminder', 'required'],
      ['obligation-reminder', 'actual'],
      ['obligation-missed-warning', 'periodKey'],
      ['obligation-missed-regulator-notice', 'consecutiveMisses'],
      ['obligation-reminder', 'ladder'],
      ['obligation-missed-warning', 'ladder'],
      ['obligation-missed-regulator-notice', 'ladder'],
      ['request-reminder', 'subject'],
      ['request-overdue', 'dueDate'],
      ['action-item-reminder', 'ownerName'],
      ['action-item-overdue', 'subject'],
      ['renewal-reminder', 'termEnd'],
      ['contract-renewed', 'newTermEnd'],
      ['contract-expired', 'termEnd'],
      ['contract-expired', 'recipientName'],
      ['request-reminder', 'contractUrl'],
    ] as const)('%s without %s', (name, key) => {
      for (const locale of locales) {
        expect(() => renderNotice(name, locale, without(name, key))).toThrow(
          new RegExp(`Notice "${name}" needs params\\.${key}`),
        );
      }
    });

    it.each<[NoticeName, Partial<NoticeParams>, string]>([
      ['obligation-reminder', { dueDate: '2027-02-30' }, 'dueDate'],
      ['obligation-reminder', { dueDate: '31/03/2027' }, 'dueDate'],
      ['obligation-reminder', { periodKey: '2027-Q1' }, 'periodKey'],
      ['obligation-reminder', { periodKey: '2027-13' }, 'periodKey'],
      ['obligation-reminder', { required: Number.NaN }, 'required'],
      ['obligation-reminder', { required: 0 }, 'required'],
      ['obligation-reminder', { actual: -1 }, 'actual'],
      ['obligation-reminder', { obligation: 'audit' as never }, 'obligation'],
      ['obligation-missed-regulator-notice', { consecutiveMisses: 1.5 }, 'consecutiveMisses'],
      ['obligation-missed-warning', { ladder: { ...ladder, regulatorAfterConsecutiveMisses: 0 } }, 'ladder'],
      ['request-reminder', { subject: '   ' }, 'subject'],
      ['contract-expired', { medicalName: '' }, 'medicalName'],
      ['contract-renewed', { newTermEnd: '2027-06-30' }, 'newTermEnd'],
    ])('%s with %j', (name, change, key) => {
      expect(() => renderNotice(name, 'zh-CN', { ...paramsFor[name], ...change })).toThrow(new RegExp(key));
    });

    it('an unknown notice or locale', () => {
      expect(() => renderNotice('nope' as NoticeName, 'en', base)).toThrow(/Unknown notice/);
      expect(() => renderNotice('contract-expired', 'fr' as Locale, paramsFor['contract-expired'])).toThrow(/locale/);
    });
  });
});
