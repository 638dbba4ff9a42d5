import { BarList } from './BarList';
import type { ChartProps } from './types';

export type { ChartProps, ChartSeries } from './types';

/**
 * A bar chart or a trend. In the WeChat build it is drawn as rows of bars made of Views, with every
 * value written out: a real chart there needs a canvas adapter for the charting library
 * (echarts-for-weixin's ec-canvas), more weight than this page is worth. The web build resolves
 * `index.h5.tsx` instead (Taro's platform files), which draws it with ECharts; this file never
 * imports the library, so the WeChat build does not contain it.
 */
export function Chart(props: ChartProps) {
  return <BarList {...props} />;
}
