import { addMonthsClamped, daysInMonth, periodContaining, shanghaiDateOf, type LocalDate } from './calendar';
import type { DashboardPolicy } from './policy';

/** The months a dashboard covers, whole months in Asia/Shanghai. */
export interface DashboardWindow {
  from: string;
  to: string;
  /** First day of `from`, last day of `to`. */
  startDate: LocalDate;
  endDate: LocalDate;
  /** Every month key from `from` to `to`. */
  months: string[];
}

const firstDay = (month: string) => `${month}-01`;
const lastDay = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
};

/**
 * The window asked for, completed with the policy's default length ending with the current
 * month; a window that ends before it starts or spans more than the policy allows is refused.
 */
export function dashboardWindow(
  asked: { from?: string; to?: string },
  nowMs: number,
  policy: Pick<DashboardPolicy, 'defaultWindowMonths' | 'maxWindowMonths'>,
): DashboardWindow | { refused: string } {
  const current = periodContaining('month', shanghaiDateOf(nowMs)).key;
  const monthBefore = (month: string, n: number) => addMonthsClamped(firstDay(month), -n).slice(0, 7);
  const to = asked.to ?? (asked.from ? monthBefore(asked.from, 1 - policy.defaultWindowMonths) : current);
  const from = asked.from ?? monthBefore(to, policy.defaultWindowMonths - 1);
  if (to < from) return { refused: `the window ends (${to}) before it starts (${from})` };
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= policy.maxWindowMonths; m = monthBefore(m, -1)) months.push(m);
  if (months.length > policy.maxWindowMonths)
    return { refused: `the window spans more than ${policy.maxWindowMonths} months` };
  return { from, to, startDate: firstDay(from), endDate: lastDay(to), months };
}
