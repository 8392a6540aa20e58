/**
 * ECharts, loaded in the browser only when a page draws a chart (the minimal build: bar and line charts, the SVG
 * renderer), so the rest of the site never downloads it.
 */
import type { EChartsType } from 'echarts/core';

let loading: Promise<typeof import('echarts/core')> | null = null;

export function loadEcharts(): Promise<typeof import('echarts/core')> {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([core, charts, components, renderers]) => {
    core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, renderers.SVGRenderer]);
    return core;
  });
  return loading;
}

export type { EChartsType };
