import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type ReactNode, useEffect, useRef } from 'react';
import { elderMode } from '../../settings/elder';
import { TabBar, useTabs } from '../TabBar';
import './web';

/** --color-primary in app.css, normal and in 长辈模式: the title bar is drawn outside the page. */
const RED = '#c8161d';
const ELDER_RED = '#a11218';

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
    if (process.env.TARO_ENV === 'weapp' && tabbed) void Taro.hideHomeButton().catch(() => undefined);
  }, [tabbed]);
  // The title bar follows the mode's red (WeChat's bar, and Taro's on the web). Each page opens in
  // the normal red of app.config.ts, so it is set only in 长辈模式 and when the mode is turned off.
  const coloured = useRef(false);
  useEffect(() => {
    if (!elder && !coloured.current) return;
    coloured.current = elder;
    void Taro.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: elder ? ELDER_RED : RED }).catch(() => undefined);
  }, [elder]);
  const classes = ['page', elder && 'page--elder', tabs && 'page--tabbed', className].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      {children}
      {tabs && <TabBar {...tabs} />}
    </View>
  );
}
