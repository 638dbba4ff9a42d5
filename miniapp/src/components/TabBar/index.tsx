import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { badgeText, tabBadges } from '../../navigation/badges';
import { desk } from '../../navigation/desk';
import { DESK_TABS, type Tab, tabAt } from '../../navigation/tabs';
import { switchTab } from '../../routes';
import { aria, control } from '../../utils/a11y';
import './index.css';

/**
 * The tabs to show on this page: the user's desk's, when the page is one of them and the first
 * page of the stack (opened from the bar, not pushed from another page, which shows its way back
 * instead). None before the desk is known.
 */
export function useTabs(): { tabs: readonly Tab[]; current: Tab } | null {
  const held = desk.use();
  const { path } = useRouter();
  if (!held) return null;
  const current = tabAt(held, path);
  if (!current || Taro.getCurrentPages().length > 1) return null;
  return { tabs: DESK_TABS[held], current };
}

/**
 * The role's tab bar, drawn by the app on both builds (WeChat's own bar is one fixed list for every
 * user, and Taro's web build has no custom bar). The current tab is marked by weight and a bar
 * above it, not by colour alone; a queue's tab shows how many wait in it, once counted.
 */
export function TabBar({ tabs, current }: { tabs: readonly Tab[]; current: Tab }) {
  const badges = tabBadges.use();
  return (
    <View className='tabbar' {...aria({ role: 'tablist', 'aria-label': '主导航' })}>
      {tabs.map((tab) => {
        const selected = tab.key === current.key;
        const badge = badgeText(badges[tab.key]);
        return (
          <View
            key={tab.key}
            className={`tabbar__item${selected ? ' tabbar__item--current' : ''}`}
            onClick={selected ? undefined : () => switchTab(tab.url)}
            {...control('tab', { 'aria-selected': selected, ...(badge ? { 'aria-label': `${tab.text}，${badge} 个待办` } : {}) })}
          >
            <Text className='tabbar__text'>{tab.text}</Text>
            {badge && <Text className='tabbar__badge'>{badge}</Text>}
          </View>
        );
      })}
    </View>
  );
}
