import Taro from '@tarojs/taro';
import { ADMIN_ROUTES } from './subpackages/admin';

/** Every page of the app, as the urls Taro's navigation takes (listed in app.config.ts). */
export const ROUTES = {
  home: '/pages/index/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  /** 忘记密码: a new password by SMS code; `?phone=` fills the phone in. */
  passwordReset: '/pages/login/reset/index',
  /** 用户协议 / 隐私政策: add `?doc=terms|privacy`. */
  legal: '/pages/legal/index',
  health: '/pages/health/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** The path of a url, with one leading slash and no query. */
export function pathOf(url: string): string {
  return `/${url.split('?')[0]?.replace(/^\/+/, '') ?? ''}`;
}

function pathOfCurrentPage(): string {
  return pathOf(Taro.getCurrentInstance().router?.path ?? '');
}

function isCurrentPage(url: string): boolean {
  return pathOfCurrentPage() === pathOf(url);
}

let relaunching = false;

/**
 * Closes every page and opens `url`. Several failed calls may ask for the login page at once;
 * only the first is acted on.
 */
function relaunch(url: string): void {
  if (relaunching || isCurrentPage(url)) return;
  relaunching = true;
  Taro.reLaunch({
    url,
    complete: () => {
      relaunching = false;
    },
  });
}

/** Sends someone without a usable session to sign in. */
export function goToLogin(): void {
  relaunch(ROUTES.login);
}

/**
 * After an admin's password reset nothing but choosing a new password works (the server answers
 * 403 PASSWORD_CHANGE_REQUIRED): the change page, as the only page.
 */
export function goToPasswordChange(): void {
  relaunch(ADMIN_ROUTES.password);
}

/**
 * Where a signed-in user goes before anything else, if anywhere: agreeing to the 用户协议 and 隐私政策
 * when the account never did, then replacing a one-time password. True when sent there.
 */
export function sendToFirstStep(user: { consentNeeded: boolean; mustChangePassword: boolean }): boolean {
  if (user.consentNeeded) relaunch(ADMIN_ROUTES.consent);
  else if (user.mustChangePassword) goToPasswordChange();
  else return false;
  return true;
}

/** After signing in: a fresh start on the home page. */
export function goHome(): void {
  relaunch(ROUTES.home);
}

/**
 * To another tab of the role's bar: the tab's page opens as the only page, as WeChat's own bar
 * does (the app draws its bar itself, see components/TabBar), so it loads afresh each time.
 */
export function switchTab(url: string): void {
  if (pathOfCurrentPage() === pathOf(url)) return;
  Taro.reLaunch({ url });
}

/** A page pushed on the stack, with its way back (我的 from a form that needs something set there). */
export function openPage(route: typeof ROUTES.health | typeof ROUTES.me): void {
  Taro.navigateTo({ url: route });
}
