import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { elderMode } from '../../settings/elder';
import { BarList } from './BarList';
import { describe, SERIES_COLORS, type ChartProps } from './types';
import './index.css';

export type { ChartProps, ChartSeries } from './types';

/** The charting code, fetched once when the first chart shows. */
let library: Promise<typeof import('./echarts')> | null = null;
function loadLibrary(): Promise<typeof import('./echarts')> {
  if (!library) {
    library = import(/* webpackChunkName: "echarts" */ './echarts');
    // A failed fetch (offline) is tried again by the next chart.
    library.catch(() => {
      library = null;
    });
  }
  return library;
}

/** The chart's text as the page styles `.chart` (长辈模式 enlarges and darkens it). */
interface Text {
  fontSize: number;
  color: string;
  /** The page's own: ECharts measures labels with it to lay them out (`inherit` it cannot measure). */
  fontFamily: string;
}

/** The size the layout below is drawn for; larger text spreads it out in proportion. */
const BASE_FONT = 11;

function textOf(box: HTMLElement): Text {
  const style = getComputedStyle(box);
  return { fontSize: parseFloat(style.fontSize) || BASE_FONT, color: style.color, fontFamily: style.fontFamily };
}

/** CSS pixels: a bar a series per category in `bars`, a fixed box for a trend. */
function heightOf({ layout, categories, series }: ChartProps, scale: number): number {
  const legend = series.length > 1 ? 28 * scale : 0;
  if (layout === 'trend') return 220 * scale + legend;
  return Math.max(120, categories.length * (series.length * 16 + 16) * scale + 32 + legend);
}

function optionOf(props: ChartProps, text: Text): EChartsCoreOption {
  const { layout, categories, series, format, max } = props;
  const legend = series.length > 1;
  const scale = text.fontSize / BASE_FONT;
  const valueAxis = {
    type: 'value',
    max,
    // A fixed top is cut in quarters (0, 25%, 50%, 75%, 100% of a rate); otherwise ECharts picks.
    ...(max === undefined ? { splitNumber: 4 } : { min: 0, interval: max / 4 }),
    axisLabel: { ...text, formatter: (value: number) => format(value) },
    splitLine: { lineStyle: { color: '#f0f0f0' } },
  };
  const categoryAxis = {
    type: 'category',
    data: [...categories],
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#ddd' } },
    axisLabel: layout === 'bars' ? { ...text, width: 84 * scale, overflow: 'truncate' } : { ...text, hideOverlap: true },
  };
  return {
    animationDuration: 300,
    color: [...SERIES_COLORS],
    textStyle: { fontFamily: text.fontFamily },
    legend: { show: legend, top: 0, left: 0, itemWidth: 12 * scale, itemHeight: 8 * scale, textStyle: text },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: layout === 'bars' ? 'shadow' : 'line' },
      valueFormatter: (value: unknown) => format(Number(value)),
      confine: true,
    },
    grid: { left: 4, right: (layout === 'bars' ? 48 : 12) * scale, top: (legend ? 32 : 12) * scale, bottom: 4 },
    xAxis: layout === 'bars' ? valueAxis : categoryAxis,
    // Bars read top down in the categories' order.
    yAxis: layout === 'bars' ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: layout === 'bars' ? 'bar' : 'line',
      data: [...s.values],
      barMaxWidth: 14 * scale,
      barGap: '15%',
      symbolSize: 6 * scale,
      areaStyle: layout === 'trend' ? { opacity: 0.12 } : undefined,
      // Twelve months on a phone: a value label that would overlap a neighbour's is left out
      // (the tooltip still tells it).
      labelLayout: { hideOverlap: true },
      label: {
        show: layout === 'bars' || categories.length <= 12,
        position: layout === 'bars' ? 'right' : 'top',
        ...text,
        fontSize: text.fontSize - 1,
        // On a trend a zero is the baseline itself: only the months with something are labelled.
        formatter: ({ value }: { value: unknown }) => (layout === 'trend' && Number(value) === 0 ? '' : format(Number(value))),
      },
    })),
  };
}

/**
 * The web build's chart (Taro resolves this file for h5 only): ECharts, loaded on demand, drawn
 * as SVG into a plain element. Until it has loaded the box keeps its height; if it cannot load,
 * the numbers show as rows of bars instead.
 */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  // Switching 长辈模式 changes the box's text: the chart is drawn again for it.
  const elder = elderMode.use();
  // How much larger than the normal the page's text is: read from the box once it is drawn.
  const [scale, setScale] = useState(1);

  useEffect(() => {
    let live = true;
    const resize = () => chart.current?.resize();
    loadLibrary().then(
      ({ echarts }) => {
        if (!live || !box.current) return;
        chart.current = echarts.init(box.current, undefined, { renderer: 'svg' });
        window.addEventListener('resize', resize);
        setState('ready');
      },
      () => {
        if (live) setState('failed');
      },
    );
    return () => {
      live = false;
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  const height = heightOf(props, scale);
  // What is drawn is named by the data; `format` is taken to say the same for the same data.
  const drawn = JSON.stringify([props.layout, props.categories, props.series, props.max]);
  useEffect(() => {
    if (state !== 'ready' || !chart.current) return;
    const text = textOf(box.current!);
    // A change of size first changes the box's height, then draws into it.
    if (text.fontSize / BASE_FONT !== scale) {
      setScale(text.fontSize / BASE_FONT);
      return;
    }
    chart.current.resize();
    chart.current.setOption(optionOf(props, text), { notMerge: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- drawn again when what is drawn changes (`drawn`), not for each new props object
  }, [state, drawn, height, elder]);

  if (state === 'failed') return <BarList {...props} />;
  return (
    <div
      ref={box}
      className='chart'
      style={{ height: `${height}px` }}
      role='img'
      aria-label={describe(props)}
      aria-busy={state === 'loading'}
    />
  );
}
