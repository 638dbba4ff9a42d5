import { Text, View } from '@tarojs/components';

/** 1,234,567. */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** One figure with what it is made of, in lines under it. */
export function Tile({ title, value, lines, wide }: { title: string; value: string; lines: string[]; wide?: boolean }) {
  return (
    <View className={`stats-tile${wide ? ' stats-tile--wide' : ''}`}>
      <Text className='stats-tile__title'>{title}</Text>
      <Text className='stats-tile__value'>{value}</Text>
      {lines.map((line) => (
        <Text key={line} className='stats-tile__line'>
          {line}
        </Text>
      ))}
    </View>
  );
}

/** Several small figures of one thing side by side (微心愿: 收集, 认领, 完成…), a whole row wide. */
export function CellsTile({ title, cells }: { title: string; cells: { label: string; value: string }[] }) {
  return (
    <View className='stats-tile stats-tile--wide stats-wishes'>
      <Text className='stats-tile__title'>{title}</Text>
      <View className='stats-wishes__cells'>
        {cells.map((cell) => (
          <View key={cell.label} className='stats-wishes__cell'>
            <Text className='stats-wishes__value'>{cell.value}</Text>
            <Text className='stats-wishes__label'>{cell.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
