import { renderProcessNotice } from '../../activities/contract-process-templates';
import { approvalDeadline, approvalPolicyOf, approvalRejection, laterDate } from '../../domain/contract-approval';
import { defaultPolicy, DeepPartial, Policy, resolvePolicy } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';
import {
  answerRejection,
  countersignDeadline,
  proposalRejection,
  renewalPolicyOf,
} from '../../domain/renewal-proposal';

const pathsOf = (overrides: DeepPartial<Policy>) => policyViolations(resolvePolicy(overrides)).map((v) => v.path);
const parties = {
  recipient: '李四',
  medical: 'Central Hospital',
  care: '幸福养老院',
  url: 'https://x.test/contracts/1',
};

describe('approval (备案) policy and rules', () => {
  it('reads a snapshot stored before approval existed as not required, with the project defaults', () => {
    const { approval: _approval, ...old } = defaultPolicy;
    expect(approvalPolicyOf(old)).toEqual({
      required: false,
      decisionDays: 15,
      reminderDaysBefore: [5, 1],
      onNoDecision: 'deemed-approved',
    });
    expect(approvalPolicyOf({ approval: { required: true } }).decisionDays).toBe(15);
  });

  it('refuses unsound approval and renewal numbers', () => {
    expect(pathsOf({ approval: { decisionDays: 3, reminderDaysBefore: [3, 1] } })).toEqual([
      'approval.reminderDaysBefore.0',
    ]);
    expect(pathsOf({ approval: { onNoDecision: 'ignore' as never } })).toEqual(['approval.onNoDecision']);
    expect(pathsOf({ renewal: { countersignDays: 0 } })).toEqual(['renewal.countersignDays']);
    expect(pathsOf({ renewal: { countersignDays: 5, reminderLeadDays: 5 } })).toEqual(['renewal.reminderLeadDays']);
  });

  it('decides only while pending, one at a time, and a return needs reasons', () => {
    expect(approvalRejection({ status: 'active', deciding: false }, 'approve', undefined)?.type).toBe(
      'not-pending-approval',
    );
    expect(approvalRejection({ status: 'pending-approval', deciding: true }, 'approve', undefined)?.type).toBe(
      'decision-in-progress',
    );
    expect(approvalRejection({ status: 'pending-approval', deciding: false }, 'return', ' ')?.type).toBe(
      'reason-required',
    );
    expect(approvalRejection({ status: 'pending-approval', deciding: false }, 'approve', undefined)).toBeUndefined();
  });

  it('counts the decision deadline from the day the regulators were told, never from an earlier date', () => {
    const policy = approvalPolicyOf(defaultPolicy);
    expect(approvalDeadline('2027-01-30', policy)).toBe('2027-02-14');
    expect(laterDate('2027-02-14', approvalDeadline('2027-02-01', policy))).toBe('2027-02-16');
  });
});

describe('renewal by both parties', () => {
  const open = {
    proposalId: 'p1',
    side: 'care' as const,
    termEnd: '2030-12-31',
    countersignDeadline: '2029-07-31',
    hasTerms: false,
  };

  it('gives the other side the policy days, but never past the current term end', () => {
    const policy = renewalPolicyOf(defaultPolicy);
    expect(countersignDeadline('2029-07-01', '2029-12-31', policy)).toBe('2029-07-31');
    expect(countersignDeadline('2029-12-20', '2029-12-31', policy)).toBe('2029-12-31');
  });

  it('refuses a proposal not later than the term, or while another is open', () => {
    expect(proposalRejection('active', '2029-12-31', '2029-12-31', undefined)?.type).toBe('renewal-not-later');
    expect(proposalRejection('draft', '2029-12-31', '2030-12-31', undefined)?.type).toBe('contract-not-active');
    expect(proposalRejection('rectifying', '2029-12-31', '2030-12-31', open)?.type).toBe('renewal-proposal-open');
    expect(proposalRejection('rectifying', '2029-12-31', '2030-12-31', undefined)).toBeUndefined();
  });

  it('lets only the other side answer, by the end of the deadline day', () => {
    expect(answerRejection('active', open, 'p1', 'care', '2029-07-02')?.type).toBe('own-renewal-proposal');
    expect(answerRejection('active', open, 'p2', 'medical', '2029-07-02')?.type).toBe('renewal-proposal-closed');
    expect(answerRejection('active', open, 'p1', 'medical', '2029-08-01')?.type).toBe('countersign-deadline-passed');
    expect(answerRejection('active', open, 'p1', 'medical', '2029-07-31')).toBeUndefined();
  });
});

describe('process notices', () => {
  it('render in both languages with what, by when, otherwise, and the deadline as a calendar entry', () => {
    const params = {
      deadline: '2029-07-31',
      termEnd: '2029-12-31',
      newTermEnd: '2030-12-31',
      proposerSide: 'care' as const,
    };
    const zh = renderProcessNotice('renewal-proposed', 'zh-CN', params, parties);
    expect(zh.subject).toBe(
      '【CarePact】对方提议续签合作协议至2030年12月31日，请于2029年7月31日前确认（Central Hospital — 幸福养老院）',
    );
    expect(zh.text).toContain('截止时间：2029年7月31日（2029-07-31）当日24:00前（北京时间）。');
    expect(zh.ics).toMatchObject({ date: '2029-07-31' });
    const en = renderProcessNotice('renewal-proposed', 'en', { ...params, termsChanged: true }, parties);
    expect(en.text).toContain(
      'The elderly-care institution proposes to renew the cooperation contract from its current term end 2029-12-31 ' +
        'to 2030-12-31 (inclusive), with changed terms (see CarePact).',
    );
    expect(en.text).toContain('View the contract: https://x.test/contracts/1');
  });

  it('refuse to render without what they state', () => {
    expect(() => renderProcessNotice('approval-returned', 'en', { deadline: '2027-01-01' }, parties)).toThrow(
      'Notice "approval-returned" needs params.reasons',
    );
  });
});
