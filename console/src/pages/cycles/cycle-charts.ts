import type { ChartOption } from '../../components/EChart';

export const gradeKeys = ['excellent', 'qualified', 'unqualified'] as const;

/** One bar per grade; colours pass 3:1 against white and each bar is also labelled with its count. */
export function distributionOption(names: string[], counts: number[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        label: { show: true, position: 'top' },
        data: counts.map((value, i) => ({ value, itemStyle: { color: ['#2e7d32', '#1f5fae', '#c62828'][i] } })),
      },
    ],
  };
}
