import { ladderOf, renderNotice, type NoticeParams } from '../../activities/notice-templates';
import { obligationKinds } from '../../domain/obligations';
import { defaultPolicy } from '../../domain/policy';

const base: NoticeParams = {
  recipientName: '王芳',
  medicalName: '渝中区人民医院',
  careName: '幸福养老院',
  contractUrl: 'https://carepact.example/contracts/c-1',
  ladder: ladderOf(defaultPolicy),
};

const periodOf = {
  visit: '2027-03',
  'monthly-meeting': '2027-03',
  referral: '2027-03',
  meeting: '2027-Q1',
  reexam: '2027-Q1',
  'health-talk': '2027',
  survey: '2027',
} as const;

describe('notices of the agreement obligations', () => {
  it.each(obligationKinds)('names %s in both languages in a warning', (obligation) => {
    const params = { ...base, obligation, periodKey: periodOf[obligation], required: 3, actual: 1 };
    const zh = renderNotice('obligation-missed-warning', 'zh-CN', params);
    const en = renderNotice('obligation-missed-warning', 'en', params);
    expect(zh.text).not.toMatch(/undefined/);
    expect(en.text).not.toMatch(/undefined/);
    expect(en.subject).toMatch(/^\[CarePact\] Warning: /);
  });

  it('states a referral month as referrals answered within the agreed time', () => {
    const params = {
      ...base,
      obligation: 'referral' as const,
      periodKey: '2027-03',
      dueDate: '2027-03-31',
      required: 3,
      actual: 1,
    };
    expect(renderNotice('obligation-missed-warning', 'en', params).text).toContain(
      'The emergency referral responses for March 2027 (2027-03) were not completed by 2027-03-31 ' +
        '(1 of 3 referrals answered within the agreed time)',
    );
    expect(renderNotice('obligation-missed-warning', 'zh-CN', params).text).toContain(
      '2027年3月（2027-03）的急诊转诊按约定时限响应在截止时间2027年3月31日（2027-03-31）前未按要求完成' +
        '（共3次急诊转诊，1次在约定时限内响应）',
    );
    // An emergency cannot be arranged ahead: no reminder is promised.
    expect(renderNotice('obligation-missed-warning', 'en', params).text).not.toContain('you will be reminded');
    expect(renderNotice('obligation-missed-warning', 'zh-CN', params).text).not.toContain('截止前提醒');
  });

  it('reminds of health talks with the year and the count agreed', () => {
    const params = {
      ...base,
      obligation: 'health-talk' as const,
      periodKey: '2027',
      dueDate: '2027-12-31',
      required: 4,
      actual: 1,
    };
    expect(renderNotice('obligation-reminder', 'en', params).text).toContain(
      '4 health talks in calendar year 2027 (2027); 1 recorded so far, 3 still needed.',
    );
    expect(renderNotice('obligation-reminder', 'zh-CN', params).subject).toContain('2027年度健康讲座');
  });
});
