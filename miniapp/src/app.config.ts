import { reportingPackages } from './subpackages/reporting';
import { servicePackages } from './subpackages/service';
import { statsPackages } from './subpackages/stats';
import { wishPackages } from './subpackages/wishes';
import { opinionPackages } from './subpackages/opinions';
import { auditPackages } from './subpackages/audit';
import { communityPackages } from './subpackages/community';
import { adminPackages } from './subpackages/admin';
import { activityPackages } from './subpackages/activities';
import { agreementPackages } from './subpackages/agreements';
import { projectPackages } from './subpackages/projects';

export default defineAppConfig({
  // The first page opens at '/': home, which sends anyone not signed in to the login page.
  pages: ['pages/index/index', 'pages/me/index', 'pages/login/index', 'pages/login/reset/index', 'pages/health/index'],
  // Role pages live in subpackages, loaded when first opened (WeChat's main package is capped).
  subPackages: [
    ...reportingPackages,
    ...wishPackages,
    ...opinionPackages,
    ...activityPackages,
    ...agreementPackages,
    ...projectPackages,
    ...servicePackages,
    ...statsPackages,
    ...auditPackages,
    ...communityPackages,
    ...adminPackages,
  ],
  window: {
    // On the web too: Taro draws WeChat's bar (the page's title, and 返回 on a pushed page).
    navigationStyle: 'default',
    navigationBarTitleText: '回家',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'light',
  },
  // No tabBar here: WeChat's is one list for every user and its tab pages must sit in the main
  // package. Each role's bar is drawn by the app (components/TabBar, navigation/tabs.ts).
});
