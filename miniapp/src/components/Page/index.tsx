import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type ReactNode, useEffect } from 'react';
import { elderMode } from '../../settings/elder';
import { IS_WEAPP } from '../../utils/platform';
import { TabBar, useTabs } from '../TabBar';
import './web';

/**
 * The root of every page: the page background, 适老化 when it is on (larger type and controls,
 * stronger contrast, through the tokens in app.css), and the role's tab bar when the page is one of
 * its tabs.
 */
export function Page({ className, children }: { className?: string; children?: ReactNode }) {
  const elder = elderMode.use();
  const tabs = useTabs();
  const tabbed = Boolean(tabs);
  useEffect(() => {
    // A tab opened as the only page would get WeChat's 返回首页 button; the tab bar is the way
    // home (on the web, see web.h5.css).
    if (IS_WEAPP && tabbed) void Taro.hideHomeButton().catch(() => undefined);
  }, [tabbed]);
  const classes = ['page', elder && 'page--elder', tabs && 'page--tabbed', className].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      {children}
      {tabs && <TabBar {...tabs} />}
    </View>
  );
}
