import type { LightReason } from '../../../domain/contract-lights';
import type { ContractSignals } from '../../../stores/contract-signals-store';
import type { FileBody } from '../../route';

// The package ships CommonJS beside its ES module, but its types are the module's: take the types from there.
type WriteXlsxFile = typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }).default;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const writeXlsxFile = (require('write-excel-file/node') as { default: WriteXlsxFile }).default;

export const exportTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

type Row = ContractSignals & { light: string; reasons: LightReason[] };
type Locale = 'zh-CN' | 'en';

const columns: { title: Record<Locale, string>; value: (r: Row, locale: Locale) => string | number }[] = [
  { title: { 'zh-CN': '合同编号', en: 'Contract' }, value: (r) => r.contractId },
  { title: { 'zh-CN': '医疗机构', en: 'Medical institution' }, value: (r) => r.medical.name },
  { title: { 'zh-CN': '养老机构', en: 'Elderly-care home' }, value: (r) => r.care.name },
  { title: { 'zh-CN': '状态', en: 'Status' }, value: (r) => r.status },
  { title: { 'zh-CN': '上门次数', en: 'Visits' }, value: (r) => r.visits.actual },
  { title: { 'zh-CN': '应上门次数', en: 'Visits required' }, value: (r) => r.visits.required },
  { title: { 'zh-CN': '达标上门周期', en: 'Visit periods met' }, value: (r) => r.visits.periodsMet },
  { title: { 'zh-CN': '上门周期', en: 'Visit periods' }, value: (r) => r.visits.periods },
  { title: { 'zh-CN': '达标会议周期', en: 'Meeting periods met' }, value: (r) => r.meetings.periodsMet },
  { title: { 'zh-CN': '会议周期', en: 'Meeting periods' }, value: (r) => r.meetings.periods },
  { title: { 'zh-CN': '未答复诉求', en: 'Open requests' }, value: (r) => r.openRequests },
  { title: { 'zh-CN': '逾期诉求', en: 'Overdue requests' }, value: (r) => r.overdueRequests },
  { title: { 'zh-CN': '未达标周期', en: 'Missed periods' }, value: (r) => r.missedPeriods },
  { title: { 'zh-CN': '逾期整改', en: 'Overdue rectifications' }, value: (r) => r.overdueRectifications },
  { title: { 'zh-CN': '等级', en: 'Grade' }, value: (r) => r.grade ?? '' },
  { title: { 'zh-CN': '信号灯', en: 'Light' }, value: (r) => r.light },
  { title: { 'zh-CN': '原因', en: 'Reasons' }, value: (r, locale) => r.reasons.map((x) => x.text[locale]).join('; ') },
];

/** A name typed by a user must not run as a spreadsheet formula when the file is opened (CSV injection). */
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const csvField = (value: string | number) => {
  const text = typeof value === 'number' ? String(value) : inert(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The per-contract table as CSV (UTF-8 with a BOM, so Excel reads Chinese) or as an Excel workbook. */
export async function exportTable(
  rows: Row[],
  format: 'csv' | 'xlsx',
  locale: Locale,
  name: string,
): Promise<FileBody> {
  if (format === 'csv') {
    const lines = [
      columns.map((c) => csvField(c.title[locale])).join(','),
      ...rows.map((r) => columns.map((c) => csvField(c.value(r, locale))).join(',')),
    ];
    return {
      contentType: exportTypes.csv,
      filename: `${name}.csv`,
      body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    };
  }
  const header = columns.map((c) => ({ value: c.title[locale], fontWeight: 'bold' as const }));
  const data = rows.map((r) =>
    columns.map((c) => {
      const value = c.value(r, locale);
      return typeof value === 'number' ? { type: Number, value } : { type: String, value };
    }),
  );
  const body = await writeXlsxFile([header, ...data] as never, { sheet: 'contracts' }).toBuffer();
  return { contentType: exportTypes.xlsx, filename: `${name}.xlsx`, body };
}
