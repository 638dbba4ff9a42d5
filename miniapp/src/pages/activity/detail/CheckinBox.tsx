import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { type Activity, CHECKIN_CODE_LENGTH, parseCheckinInput } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { confirmStep } from '../../../hooks/useAction';
import { isSessionEnded } from '../../../services/api';
import { checkInOrOut } from '../../../services/activities';
import { messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import '../activity.css';

export type CheckinStep = 'checkin' | 'checkout';

const WORD: Record<CheckinStep, string> = { checkin: '签到', checkout: '签退' };

/**
 * What to send for `input` (typed, pasted or scanned): the code as typed, forgiving spaces and case,
 * or a scanned QR text as it is, so the server can tell a code of another activity. A message
 * instead when it is neither, or names another activity.
 */
export function checkinPayload(input: string, activityId: string): { code: string } | { error: string } {
  const parsed = parseCheckinInput(input);
  if (!parsed) return { error: `签到码是 ${CHECKIN_CODE_LENGTH} 位字母和数字，请核对组织者手机上的签到码` };
  if (parsed.activityId !== null && parsed.activityId !== activityId) return { error: '这是另一个活动的签到码，请扫描本活动的签到码' };
  return { code: parsed.activityId !== null ? input.trim() : parsed.code };
}

interface CheckinBoxProps {
  activityId: string;
  step: CheckinStep;
  /** Done: the activity as it now is. */
  onDone: (activity: Activity) => void;
}

/**
 * 签到 or 签退 at the activity: the 6-character code typed from the organiser's phone, or (on
 * WeChat) its QR code scanned. Each once: 签退 is asked once more, since it ends the hours counted.
 */
export function CheckinBox({ activityId, step, onDone }: CheckinBoxProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const word = WORD[step];

  const send = async (input: string) => {
    if (running.current) return;
    const payload = checkinPayload(input, activityId);
    if ('error' in payload) {
      setError(payload.error);
      return;
    }
    running.current = true;
    try {
      if (step === 'checkout') {
        const agreed = await confirmStep({
          title: '签退',
          content: '签退后不能再次签到或签退，服务时长计到现在（按半小时计）。确定签退吗？',
          confirmText: '签退',
        });
        if (!agreed) return;
      }
      setBusy(true);
      setError('');
      const activity = await checkInOrOut(activityId, step, payload.code);
      toastDone(`${word}成功`);
      onDone(activity);
    } catch (failure) {
      if (!isSessionEnded(failure)) setError(messageOf(failure, `${word}失败，请稍后重试`));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  /** weapp: the camera reads the organiser's QR code, and the step is sent at once. */
  const scan = async () => {
    if (running.current) return;
    let scanned: string;
    try {
      ({ result: scanned } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
    } catch {
      return;
    }
    const parsed = parseCheckinInput(scanned);
    if (parsed) setText(parsed.code);
    await send(scanned);
  };

  const weapp = process.env.TARO_ENV === 'weapp';
  return (
    <View className='act-code'>
      <FormField
        label='签到码'
        name='checkinCode'
        value={text}
        placeholder={`输入组织者手机上的 ${CHECKIN_CODE_LENGTH} 位签到码`}
        maxlength={60}
        error={error}
        hint={weapp ? `扫描组织者出示的二维码${word}，或输入签到码（不区分大小写）` : '签到码每 30 秒更换一次，不区分大小写'}
        disabled={busy}
        onInput={(value) => {
          setText(value);
          setError('');
        }}
        onConfirm={() => void send(text)}
      />
      <View className='act-code__actions'>
        {weapp && (
          <ActionButton variant='plain' disabled={busy} onClick={() => void scan()}>
            {`扫码${word}`}
          </ActionButton>
        )}
        <ActionButton busy={busy} onClick={() => void send(text)}>
          {word}
        </ActionButton>
      </View>
      {step === 'checkout' && <Text className='card__hint'>离开时请签退；未签退的按活动结束时间计算时长。</Text>}
    </View>
  );
}
