import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError } from '../../services/api';
import { bindWechatPhone } from '../../services/phone';
import { toastDone } from '../../utils/toast';
import './index.css';

/** What the getPhoneNumber button hands over: a code when the user allowed it, else only errMsg. */
export interface PhoneNumberEvent {
  detail: { code?: string; errMsg?: string };
}

/**
 * 绑定手机号, for an account signed in through WeChat with no phone yet: WeChat's own
 * getPhoneNumber button (open-type), whose code the server exchanges with WeChat. The phone matches
 * the account to a unit's roster: a member can report at once. WeChat only: on the web the phone
 * comes with sign-up.
 */
export function PhoneBinding({ onBound }: { onBound: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onPhone = async (event: PhoneNumberEvent) => {
    const code = event.detail.code;
    if (!code) {
      // Refused in WeChat's own dialog: nothing is wrong, the card stays.
      setError(event.detail.errMsg?.includes('deny') ? '您已取消授权，可随时再次绑定' : '未能获取手机号，请重试');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await bindWechatPhone(code);
      toastDone('手机号已绑定');
      onBound();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '绑定失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <View className='card phone-binding'>
      <Text className='card__title'>绑定手机号</Text>
      <Text className='card__hint'>绑定后，如果您在单位的党员名册中，即可社区报到、认领心愿；手机号仅用于核对名册和社区联系。</Text>
      {error && (
        <Text className='phone-binding__error'>{error}</Text>
      )}
      <Button
        className='btn btn--wechat phone-binding__button'
        openType='getPhoneNumber'
        disabled={busy}
        loading={busy}
        onGetPhoneNumber={(event) => void onPhone(event as unknown as PhoneNumberEvent)}
      >
        微信手机号一键绑定
      </Button>
    </View>
  );
}
