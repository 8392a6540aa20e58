/**
 * What the dashboard's charts draw, as plain ECharts options built from the API's figures (no ECharts import
 * here: the options are data, tested without a browser). Every series keeps the link of each bar or point, so a
 * click opens the list behind it.
 */
import { DEMAND_STATE_LABEL } from '@tongxin/ui';
import type { DemandState } from '$lib/gql/graphql';

/** One bar or point: its label, value and the list it stands for. */
export interface Datum {
  label: string;
  value: number | null;
  href?: string | null;
}

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  data: Datum[];
  /** Percentages (0-1 values shown as %). */
  percent?: boolean;
  axis?: 0 | 1;
}

export interface ChartSpec {
  title: string;
  categories: string[];
  series: Series[];
  /** Horizontal bars (long names such as branches). */
  horizontal?: boolean;
}

const COLORS = ['#c8102e', '#d97706', '#2563eb', '#059669', '#7c3aed'];

/** '2026-03' → '3月' (with the year on January and on the first month shown). */
export function monthLabel(month: string, index = 1): string {
  const [y, m] = month.split('-').map(Number);
  return index === 0 || m === 1 ? `${y}年${m}月` : `${m}月`;
}

export function formatValue(value: number | null, percent = false): string {
  if (value == null) return '—';
  if (percent) return `${Math.round(value * 1000) / 10}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** ECharts options of a chart spec. */
export function toOption(spec: ChartSpec): Record<string, unknown> {
  const hasPercent = spec.series.some((s) => s.percent);
  const hasCount = spec.series.some((s) => !s.percent);
  const valueAxes = [
    ...(hasCount ? [{ type: 'value', minInterval: 1 }] : []),
    ...(hasPercent ? [{ type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }] : []),
  ];
  const category = { type: 'category', data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } };
  return {
    color: COLORS,
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: spec.series.length > 1 ? { top: 0, data: spec.series.map((s) => s.name) } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: undefined },
    xAxis: spec.horizontal ? valueAxes[0] : category,
    yAxis: spec.horizontal ? { ...category, inverse: true } : valueAxes,
    series: spec.series.map((s) => ({
      name: s.name,
      type: s.kind,
      yAxisIndex: spec.horizontal ? undefined : hasCount && s.percent ? 1 : 0,
      data: s.data.map((d) => d.value),
      connectNulls: true,
      cursor: s.data.some((d) => d.href) ? 'pointer' : 'default',
      // numbers on the bars only where they stay legible: one series of bars
      label: s.kind === 'bar' && spec.series.length === 1 && spec.categories.length <= 12 ? { show: true, position: spec.horizontal ? 'right' : 'top', formatter: (p: { value: number }) => formatValue(p.value, s.percent) } : undefined,
    })),
  };
}

// ---- the dashboard's charts ---------------------------------------------------------------------------

export interface StateCount { state: DemandState; count: number }

/** Demands now in each state (states without any left out), linking to the list in that state. */
export function demandsByState(counts: readonly StateCount[], link: (state: DemandState) => string): ChartSpec {
  const shown = counts.filter((c) => c.count > 0);
  return {
    title: '诉求状态分布',
    categories: shown.map((c) => DEMAND_STATE_LABEL[c.state]),
    series: [{ name: '诉求数', kind: 'bar', data: shown.map((c) => ({ label: DEMAND_STATE_LABEL[c.state], value: c.count, href: link(c.state) })) }],
  };
}

export interface DemandMonth {
  month?: string | null;
  received: number;
  resolved: number;
  open: number;
  responseRate?: number | null;
  resolutionRate?: number | null;
  satisfactionRate?: number | null;
}

/** Demands received, resolved and still open per month. */
export function demandsByMonth(months: readonly DemandMonth[]): ChartSpec {
  const labels = months.map((m, i) => monthLabel(m.month ?? '', i));
  const series = (name: string, pick: (m: DemandMonth) => number): Series => ({
    name, kind: 'bar', data: months.map((m, i) => ({ label: labels[i], value: pick(m) })),
  });
  return { title: '每月诉求', categories: labels, series: [series('受理', (m) => m.received), series('办结', (m) => m.resolved), series('仍在办理', (m) => m.open)] };
}

/** Response, resolution and satisfaction rates per month (a month without a judgeable demand has a gap). */
export function demandRates(months: readonly DemandMonth[]): ChartSpec {
  const labels = months.map((m, i) => monthLabel(m.month ?? '', i));
  const series = (name: string, pick: (m: DemandMonth) => number | null | undefined): Series => ({
    name, kind: 'line', percent: true, data: months.map((m, i) => ({ label: labels[i], value: pick(m) ?? null })),
  });
  return {
    title: '响应率、办结率、满意率',
    categories: labels,
    series: [series('及时响应率', (m) => m.responseRate), series('办结率', (m) => m.resolutionRate), series('满意率', (m) => m.satisfactionRate)],
  };
}

export interface ActivityMonthFigures { month: string; activityCount: number; checkedInCount: number }
export interface HoursMonthFigures { month: string; hours: number; volunteerCount: number }

/** Activities per month (bars) and volunteer hours per month (bars on the same months). */
export function activitiesAndHours(activities: readonly ActivityMonthFigures[], hours: readonly HoursMonthFigures[]): ChartSpec {
  const labels = activities.map((m, i) => monthLabel(m.month, i));
  const hoursBy = new Map(hours.map((h) => [h.month, h.hours]));
  return {
    title: '活动与志愿服务时长',
    categories: labels,
    series: [
      { name: '活动场次', kind: 'bar', data: activities.map((m, i) => ({ label: labels[i], value: m.activityCount })) },
      { name: '签到人次', kind: 'bar', data: activities.map((m, i) => ({ label: labels[i], value: m.checkedInCount })) },
      { name: '服务时长（小时）', kind: 'line', data: activities.map((m, i) => ({ label: labels[i], value: hoursBy.get(m.month) ?? 0 })) },
    ],
  };
}

export interface BranchMembers { id: string; name: string; memberCount: number }

/** Party members of each sub-organisation, largest first, linking to its page. */
export function membersByBranch(branches: readonly BranchMembers[], link: (id: string) => string): ChartSpec {
  const sorted = [...branches].sort((a, b) => b.memberCount - a.memberCount);
  return {
    title: '各支部党员人数',
    horizontal: true,
    categories: sorted.map((b) => b.name),
    series: [{ name: '党员', kind: 'bar', data: sorted.map((b) => ({ label: b.name, value: b.memberCount, href: link(b.id) })) }],
  };
}

/** The first twelve calendar months back from `now` (Asia/Shanghai): the period of the monthly demand figures. */
export function twelveMonths(now: Date): { from: string; to: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const start = new Date(Date.UTC(y, m - 11, 1));
  const tomorrow = new Date(Date.UTC(y, m, local.getUTCDate() + 1));
  return { from: start.toISOString().slice(0, 10), to: tomorrow.toISOString().slice(0, 10) };
}

export interface EvaluationFigures { period: string; total: number; flag: 'RED' | 'YELLOW' }

/** A property firm's totals per period, oldest first, each bar named with its flag (红旗 / 黄旗). */
export function evaluationHistory(evaluations: readonly EvaluationFigures[]): ChartSpec {
  const sorted = [...evaluations].sort((a, b) => a.period.localeCompare(b.period));
  const labels = sorted.map((e) => `${e.period}${e.flag === 'RED' ? ' 红旗' : ' 黄旗'}`);
  return {
    title: '历次测评总分',
    categories: labels,
    series: [{ name: '总分', kind: 'line', data: sorted.map((e, i) => ({ label: labels[i], value: e.total })) }],
  };
}
