import { capacityArithmetic, type CapacityWarning } from '../domain/capacity';
import type { Locale } from './notice-templates';

/** The regulator's warning that a hospital's agreed home visits exceed the staff it committed (domain/capacity.ts). */
export const CAPACITY_WARNING_TEMPLATE = 'capacity-warning';

export interface CapacityMailParams {
  recipientName: string;
  medicalName: string;
  careName: string;
  regionCode: string;
  stage: 'draft' | 'sign';
  warning: CapacityWarning;
  contractUrl: string;
}

type Render = (p: CapacityMailParams) => { subject: string; text: string };

export const capacityTemplates: Record<Locale, Render> = {
  'zh-CN': (p) => {
    const w = p.warning;
    const total = w.visitsPerMonth + w.otherContractsVisitsPerMonth;
    return {
      subject: `【CarePact】履约能力预警：${p.medicalName} 每月上门 ${total} 次，超出承诺能力 ${w.capacity} 次`,
      text:
        `${p.recipientName}，您好：\n\n` +
        `${p.medicalName} 与 ${p.careName} 的合作协议${p.stage === 'draft' ? '已起草' : '已签署'}，` +
        `约定每月上门巡诊 ${w.visitsPerMonth} 次；该医疗机构其他在履行或起草中的协议合计每月 ${w.otherContractsVisitsPerMonth} 次。\n` +
        `合计：${w.otherContractsVisitsPerMonth} + ${w.visitsPerMonth} = ${total} 次/月。\n` +
        `该机构承诺投入合作的医务人员 ${w.committedStaff} 名，按本区政策每人每月至多上门 ${w.maxVisitsPerStaff} 次，` +
        `能力为 ${w.committedStaff} × ${w.maxVisitsPerStaff} = ${w.capacity} 次/月，超出 ${w.exceededBy} 次。\n` +
        `（${capacityArithmetic(w)}）\n\n` +
        `此为预警，不阻止签约；请核实该机构的人员配置或约定频次。\n\n` +
        `协议详情：${p.contractUrl}\n——CarePact`,
    };
  },
  en: (p) => {
    const w = p.warning;
    const total = w.visitsPerMonth + w.otherContractsVisitsPerMonth;
    return {
      subject: `[CarePact] Capacity warning: ${p.medicalName} agrees to ${total} home visits a month, capacity ${w.capacity}`,
      text:
        `Dear ${p.recipientName},\n\n` +
        `The contract between ${p.medicalName} and ${p.careName} was ${p.stage === 'draft' ? 'drafted' : 'signed'} ` +
        `with ${w.visitsPerMonth} home visits a month; the hospital's other contracts in force or drafted agree to ` +
        `${w.otherContractsVisitsPerMonth}.\n` +
        `Together: ${w.otherContractsVisitsPerMonth} + ${w.visitsPerMonth} = ${total} home visits a month.\n` +
        `The hospital committed ${w.committedStaff} medical staff to cooperation; the region's policy allows at most ` +
        `${w.maxVisitsPerStaff} home visits a month each, a capacity of ${w.committedStaff} × ${w.maxVisitsPerStaff} = ` +
        `${w.capacity}: exceeded by ${w.exceededBy}.\n` +
        `(${capacityArithmetic(w)})\n\n` +
        'This is a warning, not a block: please check the staff the hospital commits or the agreed frequencies.\n\n' +
        `The contract: ${p.contractUrl}\n— CarePact`,
    };
  },
};
