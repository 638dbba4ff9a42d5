import { useEffect, useRef, useState } from 'react';
import { smsBodySchema, type SmsPurpose } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { FormField } from '../../components/FormField';
import { ApiError } from '../../services/api';
import { requestSmsCode } from '../../services/auth';
import { checkForm, fieldErrorsOf, messageOf } from '../../utils/form';

const SEND_FAILED_MESSAGE = '验证码发送失败，请稍后重试';

/** The server's refusals that concern the phone rather than the code. */
const PHONE_CODES = new Set(['PHONE_TAKEN']);

/** Refusals of a code at sign-up or reset: the code field's, not the form's. */
export const SMS_CODE_REFUSALS = new Set(['SMS_CODE_INVALID', 'SMS_CODE_EXPIRED', 'SMS_TOO_MANY_TRIES']);

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

interface SmsCodeFieldProps {
  /** The phone as typed in the form's phone field. */
  phone: string;
  purpose: SmsPurpose;
  value: string;
  onInput: (value: string) => void;
  /** What the form's submit learned of the code (wrong, expired). */
  error?: string;
  disabled?: boolean;
  /** A refusal that belongs beside the phone field: not a phone number, already signed up. */
  onPhoneError: (message: string) => void;
  onConfirm?: () => void;
}

/**
 * 验证码: the 6-digit code field with its 获取验证码 button. After a send the button counts down the
 * server's wait (60 s) and then offers 重新发送; a send refused as too soon counts down what the
 * server says is left.
 */
export function SmsCodeField({ phone, purpose, value, onInput, error, disabled = false, onPhoneError, onConfirm }: SmsCodeFieldProps) {
  const [sending, setSending] = useState(false);
  const [sentOnce, setSentOnce] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState('');
  // Guards against a second tap before the disabled button has rendered.
  const running = useRef(false);

  // Ticks once a second while counting down; the seconds left come from the clock, so a page
  // hidden for a while (timers slowed) still shows the right number.
  useEffect(() => {
    if (waitUntil === null) return undefined;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= waitUntil) setWaitUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const secondsLeft = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const countDown = (seconds: number) => {
    const t = Date.now();
    setNow(t);
    setWaitUntil(t + seconds * 1000);
  };

  const send = async () => {
    if (running.current || secondsLeft > 0) return;
    const checked = checkForm(smsBodySchema, { phone: phone.trim(), purpose });
    if (!checked.ok) return onPhoneError(checked.errors.phone ?? '请输入有效的手机号');
    running.current = true;
    setSending(true);
    setFailure('');
    setNote('');
    try {
      const sent = await requestSmsCode(checked.data);
      setSentOnce(true);
      setNote(`验证码已发送至 ${masked(checked.data.phone)}，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效`);
      countDown(sent.resendInSeconds);
    } catch (failed) {
      const phoneError = fieldErrorsOf(failed, ['phone'] as const).phone;
      if (phoneError) onPhoneError(phoneError);
      else if (failed instanceof ApiError && PHONE_CODES.has(failed.code)) onPhoneError(failed.message);
      else setFailure(messageOf(failed, SEND_FAILED_MESSAGE));
      const retryAfter = (failed instanceof ApiError && failed.code === 'SMS_TOO_SOON' ? failed.details : undefined) as { retryAfterSeconds?: unknown } | undefined;
      if (typeof retryAfter?.retryAfterSeconds === 'number') countDown(retryAfter.retryAfterSeconds);
    } finally {
      running.current = false;
      setSending(false);
    }
  };

  let label = '获取验证码';
  if (secondsLeft > 0) label = `${secondsLeft} 秒后重发`;
  else if (sentOnce) label = '重新发送';

  return (
    <FormField
      label='验证码'
      name='smsCode'
      kind='code'
      value={value}
      placeholder='6 位短信验证码'
      maxlength={6}
      error={error || failure || undefined}
      hint={note || undefined}
      disabled={disabled}
      onInput={onInput}
      onConfirm={onConfirm}
      action={
        <ActionButton variant='plain' small busy={sending} disabled={disabled || secondsLeft > 0} onClick={send}>
          {label}
        </ActionButton>
      }
    />
  );
}
