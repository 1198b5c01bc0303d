import type { ChartOption } from '../components/EChart';

type Figure = { value: number | null };
type TrendPoint = { month: string } & Record<string, Figure | string>;

/** Line per rate, in percent, month by month. Colours pass 3:1 against white; series are also told apart by symbol. */
export function trendOption(months: string[], series: { name: string; values: (number | null)[] }[]): ChartOption {
  const symbols = ['circle', 'rect', 'triangle', 'diamond'];
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 48, bottom: 32, containLabel: true },
    color: ['#1f5fae', '#b3471d', '#2e7d32', '#6a3d9a'],
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'line',
      symbol: symbols[i % symbols.length],
      symbolSize: 8,
      connectNulls: false,
      data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
    })),
  };
}

export function gradeOption(cycles: string[], grades: { name: string; values: number[] }[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 48, bottom: 32, containLabel: true },
    color: ['#2e7d32', '#1f5fae', '#c62828', '#757575'],
    xAxis: { type: 'category', data: cycles },
    yAxis: { type: 'value', minInterval: 1 },
    series: grades.map((g) => ({ name: g.name, type: 'bar', stack: 'grades', data: g.values })),
  };
}

export function valueOf(point: TrendPoint, key: string): number | null {
  const figure = point[key];
  return typeof figure === 'object' ? figure.value : null;
}
