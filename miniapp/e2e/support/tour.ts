import type { Browser, Locator, Page } from 'playwright-core';
import { openEntry, shown, signIn } from './app';
import { screenshot } from './browser';

const SLOW = { timeout: 20_000 };
/** The phone's width (phonePage): no page may be wider. */
const PHONE_WIDTH = 375;

/** One role's walk through the app: its phone and what went wrong on it since the last stop. */
export interface Tour {
  page: Page;
  role: string;
  /** The role's tab bar, left to right (navigation/tabs.ts). */
  tabs: readonly string[];
  /** Errors the app threw or logged since the last stop. */
  errors: string[];
}

/** Listens for what the app throws or logs as an error, from the page given on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

export async function startTour(
  browser: Browser,
  serverUrl: string,
  who: { role: string; phone: string; name: string; tabs: readonly string[] },
): Promise<Tour> {
  const page = await signIn(browser, serverUrl, who.phone, who.name);
  return { page, role: who.role, tabs: who.tabs, errors: watchErrors(page) };
}

export interface Stop {
  /** The screenshot is `tour-<role>-<name>`. */
  name: string;
  /** The page's title (its navigationBarTitleText, the document's title on h5). */
  title: string;
  /** What shows once the page has its content. */
  ready: Locator;
  /** The current tab when the page is a tab root; none on a pushed page. */
  tab?: string;
}

/**
 * Waits for the page's content, checks it (nothing failed to load, no error, the right tab bar or
 * none, nothing wider than the phone) and saves a screenshot once loading and toasts are gone.
 */
export async function stop(tour: Tour, { name, title, ready, tab }: Stop): Promise<void> {
  const { page } = tour;
  await ready.first().waitFor(SLOW);
  await page.waitForFunction((expected) => document.title === expected, title, SLOW);
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.state--loading, .skeleton, .taro__toast')).every(
        (el) => (el as HTMLElement).offsetParent === null,
      ),
    undefined,
    SLOW,
  );
  // h5 slides a pushed page in.
  await page.waitForTimeout(400);

  expect({ page: name, failed: await page.locator('.state--failed').allInnerTexts() }).toEqual({ page: name, failed: [] });
  expect({ page: name, errors: tour.errors.splice(0) }).toEqual({ page: name, errors: [] });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ page: name, overflow: Math.max(0, width - PHONE_WIDTH) }).toEqual({ page: name, overflow: 0 });
  // Taro's page box hides what is wider than it (overflow-x: hidden), so the document never grows:
  // content cut off at the right edge shows here.
  const box = await page.evaluate(() => {
    const shownPage = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('.taro_page');
    return shownPage ? shownPage.scrollWidth - shownPage.clientWidth : 0;
  });
  expect({ page: name, clipped: box }).toEqual({ page: name, clipped: 0 });
  // The title bar shows the whole title (Taro's own style cuts it at 100 px, about four characters).
  const heading = page.locator('.taro-navigation-bar-title');
  expect({ page: name, title: await heading.innerText(), cut: await heading.evaluate((el) => el.scrollWidth > el.clientWidth) }).toEqual({
    page: name,
    title,
    cut: false,
  });
  // Taro's own tab bar (from app.config's tabBar) must never come back: the app draws each role's.
  expect(await shown(page, '.taro-tabbar__tabbar').count()).toBe(0);
  if (tab) {
    // The tabs' names, without the count a queue's tab may carry.
    expect({ page: name, tabs: await shown(page, '.tabbar [role="tab"] .tabbar__text').allInnerTexts() }).toEqual({ page: name, tabs: tour.tabs });
    expect(await shown(page, '.tabbar [aria-selected="true"] .tabbar__text').innerText()).toBe(tab);
  } else {
    expect({ page: name, tabs: await shown(page, '.tabbar').count() }).toEqual({ page: name, tabs: 0 });
  }
  await screenshotWhole(page, `tour-${tour.role}-${name}`);
}

/**
 * A screenshot of the whole page, not only its first screen: on h5 a page scrolls inside its own
 * box (as high as the window), so the window is made as high as the page for the picture.
 */
async function screenshotWhole(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const shownPage = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('.taro_page');
    // The page's content, below the navigation bar.
    return shownPage ? Math.ceil(shownPage.getBoundingClientRect().top + shownPage.scrollHeight) : innerHeight;
  });
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(300);
  }
  await screenshot(page, name);
  if (height > viewport.height) await page.setViewportSize(viewport);
}

/** Taps a tab of the role's bar. */
export async function tapTab(tour: Tour, text: string): Promise<void> {
  await shown(tour.page, '.tabbar [role="tab"] .tabbar__text', new RegExp(`^${text}$`)).click();
}

/** The browser's back button. */
export async function back(tour: Tour): Promise<void> {
  await tour.page.goBack();
}

/** The home tab: 首页 (titled 回家) for residents and members, 工作台 for staff and admins. */
export async function visitHome(tour: Tour, name = 'home'): Promise<void> {
  const tab = tour.tabs[0]!;
  await stop(tour, { name, title: tab === '首页' ? '回家' : tab, ready: shown(tour.page, '.home-greeting'), tab });
}

/**
 * A home page entry's page, then back (the browser's button) to the home tab, shown again with its
 * tab bar.
 */
export async function visitEntry(tour: Tour, entry: string, opened: Omit<Stop, 'tab'>): Promise<void> {
  await openEntry(tour.page, entry);
  await stop(tour, opened);
  await back(tour);
  await shown(tour.page, '.home-greeting').waitFor(SLOW);
}

/** 消息, from the home page's corner, and back to the home tab. */
export async function visitInbox(tour: Tour): Promise<void> {
  await shown(tour.page, '.home-inbox').click();
  await stop(tour, { name: 'inbox', title: '消息', ready: shown(tour.page, '.inbox__count') });
  await back(tour);
  await visitHome(tour, 'home-back');
}

/**
 * 我的 and, for staff and admins, 服务状态 under it, then back to 我的 with its tab bar. Members
 * alone choose pioneer roles; residents and members are not shown the service's state.
 */
export async function visitMe(tour: Tour, { member, staff = false }: { member: boolean; staff?: boolean }): Promise<void> {
  const { page } = tour;
  const me = (name: string) => stop(tour, { name, title: '我的', ready: shown(page, '.card__title', '我的身份'), tab: '我的' });
  await tapTab(tour, '我的');
  await me('me');
  expect(await shown(page, '.card__title', '先锋角色').count()).toBe(member ? 1 : 0);
  if (!staff) {
    expect(await shown(page, '.me-row', '服务状态').count()).toBe(0);
    return;
  }
  await shown(page, '.me-row', '服务状态').click();
  await stop(tour, { name: 'health', title: '服务状态', ready: shown(page, '.health-status', '服务正常') });
  await back(tour);
  await me('me-back');
}
