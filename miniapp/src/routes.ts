import Taro from '@tarojs/taro';

/** Every page of the app, as the urls Taro's navigation takes (listed in app.config.ts). */
export const ROUTES = {
  home: '/pages/index/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  health: '/pages/health/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

function isCurrentPage(route: Route): boolean {
  const path = Taro.getCurrentInstance().router?.path ?? '';
  return `/${path.split('?')[0]?.replace(/^\/+/, '')}` === route;
}

let relaunching = false;

/**
 * Closes every page and opens `route`. Several failed calls may ask for the login page at once;
 * only the first is acted on.
 */
function relaunch(route: Route): void {
  if (relaunching || isCurrentPage(route)) return;
  relaunching = true;
  Taro.reLaunch({
    url: route,
    complete: () => {
      relaunching = false;
    },
  });
}

/** Sends someone without a usable session to sign in. */
export function goToLogin(): void {
  relaunch(ROUTES.login);
}

/** After signing in: a fresh start on the home page. */
export function goHome(): void {
  relaunch(ROUTES.home);
}

/** The tab pages (首页, 我的) are reached with switchTab; the others with navigateTo. */
export function openTab(route: typeof ROUTES.home | typeof ROUTES.me): void {
  Taro.switchTab({ url: route });
}

export function openPage(route: typeof ROUTES.health): void {
  Taro.navigateTo({ url: route });
}
