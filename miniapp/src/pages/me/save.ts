import Taro from '@tarojs/taro';
import type { UpdateMeBody } from '@huijia/shared';
import { messageOf } from '../../utils/form';

/** Saves part of the profile (PUT /api/me) and shows the answer; throws when it fails. */
export type SaveMe = (body: UpdateMeBody) => Promise<void>;

/** Runs a save, showing a failure as a toast in Chinese; true when it saved. */
export async function trySave(save: () => Promise<void>): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (error) {
    Taro.showToast({ title: messageOf(error, '保存失败，请稍后重试'), icon: 'none' });
    return false;
  }
}
