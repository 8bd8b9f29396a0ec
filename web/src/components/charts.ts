/**
 * ECharts, tree-shaken: the core, the bar and pie charts and the SVG renderer only (text
 * stays text, in the page's font). Loaded on the statistics page alone, so the board's first
 * load carries none of it.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export function mount(el: HTMLElement, option: ChartOption): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption(option);
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
