import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { passwordLoginBodySchema, registerBodySchema, type Session } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { FormField } from '../../components/FormField';
import { goHome, ROUTES, sendToFirstStep } from '../../routes';
import { ApiError } from '../../services/api';
import { register, signInWithPassword, signInWithWechat } from '../../services/auth';
import { hasSession } from '../../services/session';
import { aria, buttonAria, checkboxAria } from '../../utils/a11y';
import { checkForm, type FieldErrors, fieldErrorsOf, messageOf } from '../../utils/form';
import { Page } from '../../components/Page';
import { SMS_CODE_REFUSALS, SmsCodeField } from './SmsCodeField';
import './index.css';

type Mode = 'login' | 'register';
type TextField = 'name' | 'phone' | 'smsCode' | 'password';
type Field = TextField | 'agreed';

const FIELDS: Record<Mode, readonly Field[]> = {
  login: ['phone', 'password'],
  register: ['name', 'phone', 'smsCode', 'password', 'agreed'],
};

/** Into the app; first to agree to the 用户协议 and 隐私政策, or to 修改密码 while a one-time password stands. */
function enter(session: Session): void {
  if (!sendToFirstStep(session.user)) goHome();
}

/** 忘记密码, with the phone typed so far when it is one. */
const resetUrl = (phone: string) => (/^1\d{10}$/.test(phone) ? `${ROUTES.passwordReset}?phone=${phone}` : ROUTES.passwordReset);

const CONSENT_NEEDED = '请先阅读并同意《用户协议》和《隐私政策》';

/** 我已阅读并同意《用户协议》和《隐私政策》: a box to tick, each document a tap away. */
function Consent({ agreed, error, onToggle }: { agreed: boolean; error?: string; onToggle: () => void }) {
  const open = (doc: 'terms' | 'privacy') => void Taro.navigateTo({ url: `${ROUTES.legal}?doc=${doc}` });
  return (
    <View className='login__consent'>
      <View className='login__consent-row'>
        <View className={`login__check${agreed ? ' login__check--on' : ''}`} onClick={onToggle} {...checkboxAria(agreed)} {...aria({ 'aria-label': '我已阅读并同意用户协议和隐私政策' })}>
          <Text>{agreed ? '✓' : ''}</Text>
        </View>
        <Text className='login__consent-text' onClick={onToggle}>我已阅读并同意</Text>
        <Text className='link' onClick={() => open('terms')} {...buttonAria()}>《用户协议》</Text>
        <Text className='login__consent-text'>和</Text>
        <Text className='link' onClick={() => open('privacy')} {...buttonAria()}>《隐私政策》</Text>
      </View>
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  );
}

const FAILED_MESSAGE: Record<Mode, string> = {
  login: '登录失败，请稍后重试',
  register: '注册失败，请稍后重试',
};

export default function Login() {
  const [mode, setMode] = useState<Mode>('login');
  const [values, setValues] = useState<Record<TextField, string>>({ name: '', phone: '', smsCode: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState<'form' | 'wechat' | null>(null);
  const [agreed, setAgreed] = useState(false);
  // Guards against a second tap before the disabled button has rendered.
  const running = useRef(false);

  const start = (what: 'form' | 'wechat') => {
    running.current = true;
    setBusy(what);
    setFormError('');
  };
  const stop = () => {
    running.current = false;
    setBusy(null);
  };

  // Already signed in (opened from a bookmark or the back button): nothing to do here.
  useEffect(() => {
    if (hasSession()) goHome();
  }, []);

  const edit = (field: TextField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFormError('');
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setErrors({});
    setFormError('');
  };

  const showFailure = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error, FIELDS[mode]);
    if (Object.keys(fieldErrors).length > 0) {
      setErrors(fieldErrors);
    } else if (error instanceof ApiError && error.code === 'PHONE_TAKEN') {
      setErrors({ phone: error.message });
    } else if (error instanceof ApiError && SMS_CODE_REFUSALS.has(error.code)) {
      setErrors({ smsCode: error.message });
    } else {
      setFormError(messageOf(error, FAILED_MESSAGE[mode]));
    }
  };

  const submit = async () => {
    if (running.current) return;
    const phone = values.phone.trim();
    let signIn: () => Promise<Session>;
    if (mode === 'register') {
      const { name, password } = values;
      // No code typed is left to the server: it says whether this deployment wants one.
      const smsCode = values.smsCode.trim() || undefined;
      const checked = checkForm(registerBodySchema, { name, phone, smsCode, password, agreed: agreed || undefined });
      if (!checked.ok) return setErrors(checked.errors);
      signIn = () => register(checked.data);
    } else {
      const checked = checkForm(passwordLoginBodySchema, { phone, password: values.password });
      if (!checked.ok) return setErrors(checked.errors);
      signIn = () => signInWithPassword(checked.data);
    }
    start('form');
    try {
      enter(await signIn());
    } catch (error) {
      showFailure(error);
      stop();
    }
  };

  const signInWithWechatCode = async () => {
    if (running.current) return;
    if (!agreed) {
      setErrors((current) => ({ ...current, agreed: CONSENT_NEEDED }));
      return;
    }
    start('wechat');
    try {
      enter(await signInWithWechat());
    } catch (error) {
      setFormError(messageOf(error, '微信登录失败，请重试'));
      stop();
    }
  };

  const registering = mode === 'register';
  const toggleConsent = () => {
    setAgreed(!agreed);
    setErrors((current) => ({ ...current, agreed: undefined }));
  };

  return (
    <Page>
      <View className='hero'>
        <Text className='hero__title'>回家</Text>
        <Text className='hero__intro'>在职党员回社区报到、认领微心愿与服务岗位</Text>
      </View>

      <View className='card'>
        {/* WeChat signs in with wx.login (an unknown openid becomes a resident); the web build
            signs up with a phone, the SMS code sent to it and a password instead. */}
        {process.env.TARO_ENV === 'weapp' && (
          <View className='login__wechat'>
            <ActionButton
              variant='wechat'
              busy={busy === 'wechat'}
              disabled={busy === 'form'}
              onClick={signInWithWechatCode}
            >
              微信一键登录
            </ActionButton>
            <Consent agreed={agreed} error={errors.agreed} onToggle={toggleConsent} />
            <Text className='login__or'>或使用手机号和密码</Text>
          </View>
        )}

        <Text className='card__title'>{registering ? '创建居民账号' : '手机号和密码'}</Text>

        {registering && (
          <FormField
            label='姓名'
            name='name'
            kind='name'
            value={values.name}
            placeholder='请输入姓名'
            maxlength={30}
            error={errors.name}
            onInput={edit('name')}
          />
        )}
        <FormField
          label='手机号'
          name='phone'
          kind='phone'
          value={values.phone}
          placeholder='请输入手机号'
          maxlength={11}
          error={errors.phone}
          onInput={edit('phone')}
        />
        {registering && (
          <SmsCodeField
            phone={values.phone}
            purpose='register'
            value={values.smsCode}
            error={errors.smsCode}
            disabled={busy !== null}
            onInput={edit('smsCode')}
            onPhoneError={(message) => setErrors((current) => ({ ...current, phone: message }))}
          />
        )}
        <FormField
          label='密码'
          name='password'
          kind={registering ? 'new-password' : 'password'}
          value={values.password}
          placeholder='请输入密码'
          maxlength={128}
          error={errors.password}
          hint={registering ? '至少 8 位' : undefined}
          onInput={edit('password')}
          onConfirm={submit}
        />

        {!registering && (
          <View
            className='login__forgot'
            onClick={() => Taro.navigateTo({ url: resetUrl(values.phone.trim()) })}
            {...buttonAria()}
          >
            <Text className='link'>忘记密码</Text>
          </View>
        )}

        {registering && process.env.TARO_ENV !== 'weapp' && <Consent agreed={agreed} error={errors.agreed} onToggle={toggleConsent} />}

        {formError && <Text className='login__error'>{formError}</Text>}

        <ActionButton busy={busy === 'form'} disabled={busy === 'wechat'} onClick={submit}>
          {registering ? '注册' : '登录'}
        </ActionButton>

        {process.env.TARO_ENV !== 'weapp' && (
          <View
            className='login__switch'
            onClick={() => switchTo(registering ? 'login' : 'register')}
            {...buttonAria()}
          >
            <Text>{registering ? '已有账号？' : '还没有账号？'}</Text>
            <Text className='link'>{registering ? '登录' : '注册'}</Text>
          </View>
        )}
      </View>
    </Page>
  );
}
