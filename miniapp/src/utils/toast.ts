import Taro from '@tarojs/taro';

/** WeChat shows at most 7 characters beside a toast's icon; longer news goes without it. */
const WITH_ICON_MAX = 7;

/** Says that something the user did went through. */
export function toastDone(title: string): void {
  Taro.showToast({ title, icon: [...title].length <= WITH_ICON_MAX ? 'success' : 'none' });
}
