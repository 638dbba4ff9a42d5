/**
 * ECharts with only what the charts use (bars, lines, their grid, tooltip and legend, drawn as
 * SVG), for the web build. Loaded on demand by `index.h5.tsx`, so it is a chunk of its own that
 * only the pages drawing a chart fetch, after they have shown their figures.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
