/**
 * What the dashboard's charts draw, as plain ECharts options built from the API's figures (no ECharts import
 * here: the options are data, tested without a browser). Every series keeps the link of each bar or point, so a
 * click opens the list behind it.
 */
import type { DemandState } from '$lib/gql/graphql';
import { intlLocale, m as t, uiLabels } from '../i18n';

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

/** '2026-03' → '3月' / 'Mar' (with the year on January and on the first month shown). */
export function monthLabel(month: string, index = 1): string {
  const [y, m] = month.split('-').map(Number);
  const withYear = index === 0 || m === 1;
  const format = new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
  return format.format(new Date(Date.UTC(y, m - 1, 1)));
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
  const { DEMAND_STATE_LABEL } = uiLabels();
  return {
    title: t.chart_demand_states(),
    categories: shown.map((c) => DEMAND_STATE_LABEL[c.state]),
    series: [{ name: t.chart_demand_count(), kind: 'bar', data: shown.map((c) => ({ label: DEMAND_STATE_LABEL[c.state], value: c.count, href: link(c.state) })) }],
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
  return {
    title: t.chart_demands_monthly(),
    categories: labels,
    series: [series(t.chart_received(), (m) => m.received), series(t.chart_resolved(), (m) => m.resolved), series(t.chart_still_open(), (m) => m.open)],
  };
}

/** Response, resolution and satisfaction rates per month (a month without a judgeable demand has a gap). */
export function demandRates(months: readonly DemandMonth[]): ChartSpec {
  const labels = months.map((m, i) => monthLabel(m.month ?? '', i));
  const series = (name: string, pick: (m: DemandMonth) => number | null | undefined): Series => ({
    name, kind: 'line', percent: true, data: months.map((m, i) => ({ label: labels[i], value: pick(m) ?? null })),
  });
  return {
    title: t.chart_rates(),
    categories: labels,
    series: [
      series(t.chart_response_rate(), (m) => m.responseRate),
      series(t.chart_resolution_rate(), (m) => m.resolutionRate),
      series(t.chart_satisfaction_rate(), (m) => m.satisfactionRate),
    ],
  };
}

export interface ActivityMonthFigures { month: string; activityCount: number; checkedInCount: number }
export interface HoursMonthFigures { month: string; hours: number; volunteerCount: number }

/** Activities per month (bars) and volunteer hours per month (bars on the same months). */
export function activitiesAndHours(activities: readonly ActivityMonthFigures[], hours: readonly HoursMonthFigures[]): ChartSpec {
  const labels = activities.map((m, i) => monthLabel(m.month, i));
  const hoursBy = new Map(hours.map((h) => [h.month, h.hours]));
  return {
    title: t.chart_activities_hours(),
    categories: labels,
    series: [
      { name: t.chart_activity_count(), kind: 'bar', data: activities.map((m, i) => ({ label: labels[i], value: m.activityCount })) },
      { name: t.chart_checked_in(), kind: 'bar', data: activities.map((m, i) => ({ label: labels[i], value: m.checkedInCount })) },
      { name: t.chart_hours(), kind: 'line', data: activities.map((m, i) => ({ label: labels[i], value: hoursBy.get(m.month) ?? 0 })) },
    ],
  };
}

export interface BranchMembers { id: string; name: string; memberCount: number }

/** Party members of each sub-organisation, largest first, linking to its page. */
export function membersByBranch(branches: readonly BranchMembers[], link: (id: string) => string): ChartSpec {
  const sorted = [...branches].sort((a, b) => b.memberCount - a.memberCount);
  return {
    title: t.chart_members_by_branch(),
    horizontal: true,
    categories: sorted.map((b) => b.name),
    series: [{ name: t.chart_members(), kind: 'bar', data: sorted.map((b) => ({ label: b.name, value: b.memberCount, href: link(b.id) })) }],
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
  const { EVALUATION_FLAG_LABEL } = uiLabels();
  const labels = sorted.map((e) => `${e.period} ${EVALUATION_FLAG_LABEL[e.flag]}`);
  return {
    title: t.chart_evaluations(),
    categories: labels,
    series: [{ name: t.chart_total(), kind: 'line', data: sorted.map((e, i) => ({ label: labels[i], value: e.total })) }],
  };
}
