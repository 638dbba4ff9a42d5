import { reportingPackages } from './subpackages/reporting';
import { servicePackages } from './subpackages/service';
import { statsPackages } from './subpackages/stats';
import { wishPackages } from './subpackages/wishes';

export default defineAppConfig({
  // The first page opens at '/': home, which sends anyone not signed in to the login page.
  pages: ['pages/index/index', 'pages/me/index', 'pages/login/index', 'pages/health/index'],
  // Role pages live in subpackages, loaded when first opened (WeChat's main package is capped).
  subPackages: [...reportingPackages, ...wishPackages, ...servicePackages, ...statsPackages],
  window: {
    navigationBarTitleText: '回家',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'light',
  },
  // The same two tabs for every role for now; per-role tabs come with the role pages.
  tabBar: {
    color: '#999999',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
