import { renderContractMail, type ContractMailParams } from '../../activities/mail-templates';

const params: ContractMailParams = {
  contractId: 'c-1',
  medicalName: '渝中区人民医院',
  careName: '幸福养老院',
  recipientName: '王芳',
  contractUrl: 'https://carepact.example/contracts/c-1',
};

describe('contract-activated names the docking-meeting period of the contract policy', () => {
  it('quarterly by default, monthly where the region meets every month', () => {
    expect(renderContractMail('contract-activated', 'zh-CN', { ...params, meetingPeriod: 'quarter' }).text).toContain(
      '每月上门服务、每季度对接会议及年度需求调查',
    );
    expect(renderContractMail('contract-activated', 'en', { ...params, meetingPeriod: 'quarter' }).text).toContain(
      'monthly home visits, quarterly docking meetings and the annual demand survey',
    );
    expect(renderContractMail('contract-activated', 'zh-CN', { ...params, meetingPeriod: 'month' }).text).toContain(
      '每月上门服务、每月对接会议',
    );
    expect(renderContractMail('contract-activated', 'en', { ...params, meetingPeriod: 'month' }).text).toContain(
      'monthly home visits, monthly docking meetings',
    );
  });

  it('refuses to guess the period', () => {
    expect(() => renderContractMail('contract-activated', 'en', params)).toThrow(/meetingPeriod/);
  });
});
