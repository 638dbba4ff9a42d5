// Stands in for `@tarojs/taro` in the component tests (jest's moduleNameMapper sends it here): each
// API a tested component calls is a jest.fn with a plain default, reset before every test by
// `resetTaro`. The page hooks behave as on a page that has just been opened.
import { useEffect } from 'react';

/** What getStorageSync and setStorageSync read and write; emptied before each test. */
export const storage = new Map<string, unknown>();
/** The sizes of the device's files, by path, for getFileSystemManager().getFileInfo; emptied before each test. */
export const fileSizes = new Map<string, number>();

export interface Router {
  params: Record<string, string | undefined>;
  path: string;
}

const resets: (() => void)[] = [];

/** A jest.fn that starts each test from `impl` again. */
function mock<A extends unknown[], R>(impl: (...args: A) => R): jest.Mock<R, A> {
  const fn = jest.fn(impl);
  resets.push(() => {
    fn.mockReset();
    fn.mockImplementation(impl);
  });
  return fn;
}

const ok = (api: string) => () => Promise.resolve({ errMsg: `${api}:ok` });

function events() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    on(name: string, handler: (...args: unknown[]) => void) {
      handlers.set(name, (handlers.get(name) ?? new Set()).add(handler));
    },
    off(name: string, handler: (...args: unknown[]) => void) {
      handlers.get(name)?.delete(handler);
    },
    trigger(name: string, ...args: unknown[]) {
      for (const handler of handlers.get(name) ?? []) handler(...args);
    },
  };
}

const router = (): Router => ({ params: {}, path: '' });

export const taro = {
  showToast: mock(ok('showToast')),
  showLoading: mock(ok('showLoading')),
  hideLoading: mock(ok('hideLoading')),
  /** Answers as if the user tapped the confirm button. */
  showModal: mock((_options?: object) => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  navigateTo: mock(ok('navigateTo')),
  redirectTo: mock(ok('redirectTo')),
  navigateBack: mock(ok('navigateBack')),
  switchTab: mock(ok('switchTab')),
  /** As WeChat does, calls `complete` once the relaunch is done. */
  reLaunch: mock((options?: { complete?: () => void }) => {
    options?.complete?.();
    return Promise.resolve({ errMsg: 'reLaunch:ok' });
  }),
  stopPullDownRefresh: mock(() => undefined),
  setNavigationBarTitle: mock(ok('setNavigationBarTitle')),
  hideTabBar: mock((_options?: object) => Promise.resolve({ errMsg: 'hideTabBar:ok' })),
  showTabBar: mock((_options?: object) => Promise.resolve({ errMsg: 'showTabBar:ok' })),
  setNavigationBarColor: mock((_options?: object) => Promise.resolve({ errMsg: 'setNavigationBarColor:ok' })),
  makePhoneCall: mock(ok('makePhoneCall')),
  previewImage: mock(ok('previewImage')),
  getStorageSync: mock((key: string): unknown => storage.get(key) ?? ''),
  setStorageSync: mock((key: string, value: unknown): void => {
    storage.set(key, value);
  }),
  removeStorageSync: mock((key: string): void => {
    storage.delete(key);
  }),
  /** No network here: a test mocks the service module the component calls. */
  request: mock((_options?: object): Promise<never> =>
    Promise.reject(new Error('Taro.request is not answered in component tests: mock the service')),
  ),
  addInterceptor: mock((_interceptor?: unknown) => undefined),
  chooseMedia: mock((_options?: object): Promise<never> => Promise.reject(new Error('chooseMedia:fail cancel'))),
  /** No image work here: a test that compresses says what comes out. */
  compressImage: mock((_options: { src: string; quality?: number }): Promise<{ tempFilePath: string; errMsg: string }> =>
    Promise.reject(new Error('compressImage:fail not answered in component tests')),
  ),
  /** Files on the device: `getFileInfo` answers the sizes a test put in `fileSizes`. */
  getFileSystemManager: mock(() => ({
    getFileInfo({ filePath, success, fail }: { filePath: string; success: (info: { size: number }) => void; fail: (error: Error) => void }) {
      const size = fileSizes.get(filePath);
      if (size === undefined) fail(new Error(`getFileInfo:fail no such file ${filePath}`));
      else success({ size });
    },
  })),
  pxTransform: mock((size: number) => `${size / 2}px`),
  getCurrentInstance: mock(() => ({ router: router() })),
  getCurrentPages: mock((): unknown[] => []),
  hideHomeButton: mock(ok('hideHomeButton')),
  /** The subscribe panel, closed without an answer; a test says what the user chose. */
  requestSubscribeMessage: mock((_options: { tmplIds: string[] }): Promise<Record<string, string>> => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' })),
  /** Taro's event centre, for real: stored settings tell mounted pages through it. */
  eventCenter: events(),
};

/** `useRouter`: no query by default; a test sets `useRouter.mockReturnValue(...)`. */
export const useRouter = mock(router);
/** Runs once when the page mounts, as the first show does. */
export const useDidShow = mock((callback: () => void) => {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as a page is first shown
  }, []);
});
export const useDidHide = mock((_callback: () => void) => undefined);

/** What a page's `useShareAppMessage` answers when WeChat asks (the ··· menu's 转发). */
export interface ShareContent {
  title?: string;
  path?: string;
  imageUrl?: string;
}
/** The share handler the page registered last: `shareAppMessage()` calls it as WeChat would. */
let shareHandler: ((event: { from: 'menu' | 'button' }) => ShareContent) | null = null;
resets.push(() => {
  shareHandler = null;
});
export const useShareAppMessage = mock((callback: (event: { from: 'menu' | 'button' }) => ShareContent) => {
  shareHandler = callback;
});
/** What the page on screen would share from the ··· menu; fails the test when it registered nothing. */
export function shareAppMessage(): ShareContent {
  if (!shareHandler) throw new Error('the page did not call useShareAppMessage');
  return shareHandler({ from: 'menu' });
}
export const usePullDownRefresh = mock((_callback: () => void) => undefined);
export const useReachBottom = mock((_callback: () => void) => undefined);

export default taro;

/** Back to the defaults: empty storage, no calls recorded, default answers. */
export function resetTaro(): void {
  storage.clear();
  fileSizes.clear();
  for (const reset of resets) reset();
}
