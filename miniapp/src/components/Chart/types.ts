export interface ChartSeries {
  name: string;
  /** One value per category. */
  values: readonly number[];
}

export interface ChartProps {
  /** What the chart shows: its name for screen readers, with every value read out. */
  label: string;
  /**
   * `bars`: a group of horizontal bars per category (categories compared, long names fit);
   * `trend`: the categories in order along the x axis, as a line (a value over time).
   */
  layout: 'bars' | 'trend';
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** A value as people read it: "98.5%", "12.5 小时". */
  format: (value: number) => string;
  /** The top of the scale (1 for rates); by default the largest value. */
  max?: number;
}

/** The series' colours, in order; every bar also carries its series' name and value in text. */
export const SERIES_COLORS = ['#c8161d', '#f0a03c', '#5b8ff9'] as const;

/** "龙津社区：报到率 98%，服务率 80%；…": what the chart shows, as a sentence. */
export function describe({ label, categories, series, format }: ChartProps): string {
  const items = categories.map((category, i) => {
    const values = series.map((s) => `${series.length > 1 ? s.name : ''}${format(s.values[i] ?? 0)}`);
    return `${category}：${values.join('，')}`;
  });
  return `${label}。${items.join('；')}`;
}
