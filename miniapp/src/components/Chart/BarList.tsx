import { Text, View } from '@tarojs/components';
import { aria } from '../../utils/a11y';
import { describe, SERIES_COLORS, type ChartProps } from './types';
import './index.css';

/**
 * The chart's numbers as rows of bars drawn with Views: what the WeChat build shows in place of a
 * chart, and what the web build falls back to when the charting code cannot load.
 */
export function BarList(props: ChartProps) {
  const { categories, series, format } = props;
  const top = props.max ?? Math.max(0, ...series.flatMap((s) => s.values));
  const share = (value: number) => `${top > 0 ? Math.min(100, Math.max(0, (value / top) * 100)) : 0}%`;
  const several = series.length > 1;
  return (
    <View className='bar-list' {...aria({ role: 'img', 'aria-label': describe(props) })}>
      {several && (
        <View className='bar-list__legend'>
          {series.map((s, k) => (
            <View key={s.name} className='bar-list__key'>
              <View className='bar-list__swatch' style={{ backgroundColor: SERIES_COLORS[k % SERIES_COLORS.length] }} />
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
      )}
      {categories.map((category, i) => (
        <View key={category} className={several ? 'bar-list__group' : 'bar-list__group bar-list__group--single'}>
          <Text className='bar-list__name'>{category}</Text>
          <View className='bar-list__bars'>
            {series.map((s, k) => {
              const value = s.values[i] ?? 0;
              return (
                <View key={s.name} className='bar-list__row'>
                  {several && <Text className='bar-list__series'>{s.name}</Text>}
                  <View className='bar-list__track'>
                    <View
                      className='bar-list__fill'
                      style={{ width: share(value), backgroundColor: SERIES_COLORS[k % SERIES_COLORS.length] }}
                    />
                  </View>
                  <Text className='bar-list__value'>{format(value)}</Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}
