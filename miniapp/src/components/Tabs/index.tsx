import { Text, View } from '@tarojs/components';
import { aria, control } from '../../utils/a11y';
import './index.css';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * A row of tabs over a list (协议状态, 项目状态, 办理层级): the chosen one underlined in red and in
 * bold, not by colour alone. `dense` for rows of many tabs, in smaller type.
 */
export function Tabs<K extends string>({ label, tabs, current, onChoose, dense = false }: { label: string; tabs: readonly TabItem<K>[]; current: K; onChoose: (key: K) => void; dense?: boolean }) {
  return (
    <View className={`tabs${dense ? ' tabs--dense' : ''}`} {...aria({ role: 'tablist', 'aria-label': label })}>
      {tabs.map((tab) => (
        <View key={tab.key} className={`tabs__tab${tab.key === current ? ' tabs__tab--on' : ''}`} onClick={() => onChoose(tab.key)} {...control('tab', { 'aria-selected': tab.key === current })}>
          <Text>{tab.label}</Text>
        </View>
      ))}
    </View>
  );
}
