import type { Browser, Locator, Page } from 'playwright-core';
import { phonePage } from './browser';

const SLOW = { timeout: 20_000 };

/** A fresh phone (its own storage) signed in as a demo account, on the home page. */
export async function signIn(browser: Browser, serverUrl: string, phone: string, name: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${serverUrl}/`);
  await page.getByPlaceholder('请输入手机号').fill(phone, SLOW);
  await page.getByPlaceholder('请输入密码').fill('huijia2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('.home-greeting', { hasText: name }).waitFor(SLOW);
  return page;
}

/** Opens a home page entry by its title alone (descriptions mention other entries). */
export async function openEntry(page: Page, title: string): Promise<void> {
  await page.locator('.feature--open').filter({ has: page.getByText(title, { exact: true }) }).click();
}

/** Taro's modal on h5 (Taro.showModal): answers it with its confirming button. */
export async function acceptModal(page: Page, confirmText: string): Promise<void> {
  const button = page.locator('.taro__modal .taro-model__confirm', { hasText: confirmText });
  await button.waitFor(SLOW);
  await button.click();
}

/**
 * What is on the page shown: on h5 the pages under it (those it was pushed over) stay in the
 * document, hidden.
 */
export function shown(page: Page, selector: string, hasText?: string | RegExp): Locator {
  return page.locator(selector).filter({ visible: true, ...(hasText === undefined ? {} : { hasText }) });
}
