import { Text, View } from '@tarojs/components';
import { aria } from '../../utils/a11y';
import './index.css';

/** The rows of an uploaded file that were not taken (a roster, the district's tree): the row number, then why. */
export function RejectedRows({ rows }: { rows: readonly { row: number; reason: string }[] }) {
  return (
    <View className='rejected-rows' {...aria({ role: 'table', 'aria-label': '未导入的行' })}>
      <View className='rejected-rows__row rejected-rows__row--head' {...aria({ role: 'row' })}>
        <Text className='rejected-rows__line'>行号</Text>
        <Text className='rejected-rows__reason'>原因</Text>
      </View>
      {rows.map((row) => (
        <View key={`${row.row}-${row.reason}`} className='rejected-rows__row' {...aria({ role: 'row' })}>
          <Text className='rejected-rows__line'>{String(row.row)}</Text>
          <Text className='rejected-rows__reason'>{row.reason}</Text>
        </View>
      ))}
    </View>
  );
}
