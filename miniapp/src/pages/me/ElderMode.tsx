import { Text, View } from '@tarojs/components';
import { elderMode } from '../../settings/elder';
import { control } from '../../utils/a11y';

/** 长辈模式 (适老化): larger type and controls, stronger contrast, on this phone. */
export function ElderMode() {
  const on = elderMode.use();
  const toggle = () => elderMode.set(!on);
  return (
    <View className='card'>
      <Text className='card__title'>长辈模式</Text>
      <View
        className='me-row me-elder'
        onClick={toggle}
        {...control('switch', { 'aria-checked': on, 'aria-label': '长辈模式' })}
      >
        <View className='me-elder__text'>
          <Text className='me-row__label'>{on ? '已开启' : '已关闭'}</Text>
          <Text className='me-elder__hint'>字更大、按钮更大、颜色更清楚，只在这部手机上生效</Text>
        </View>
        {/* Drawn, not WeChat's switch: the whole row is the control, on both builds. */}
        <View className={`me-elder__switch${on ? ' me-elder__switch--on' : ''}`}>
          <View className='me-elder__knob' />
        </View>
      </View>
    </View>
  );
}
