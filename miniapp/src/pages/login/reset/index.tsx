import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { passwordResetBodySchema } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { NewPasswordFields } from '../../../components/FormField/NewPasswordFields';
import { Page } from '../../../components/Page';
import { goHome } from '../../../routes';
import { ApiError } from '../../../services/api';
import { resetPassword } from '../../../services/auth';
import { checkForm, type FieldErrors, fieldErrorsOf, messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import { SMS_CODE_REFUSALS, SmsCodeField } from '../SmsCodeField';
import '../index.css';

type Field = 'phone' | 'smsCode' | 'newPassword' | 'repeated';
const SERVER_FIELDS: readonly Field[] = ['phone', 'smsCode', 'newPassword'];

/**
 * 忘记密码: the phone, the code sent to it by SMS, and a new password twice. Once set, every other
 * sign-in of the account has ended and this one goes on into the app.
 */
export default function PasswordResetPage() {
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    phone: Taro.getCurrentInstance().router?.params.phone ?? '',
    smsCode: '',
    newPassword: '',
    repeated: '',
  }));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  // Guards against a second tap before the disabled button has rendered.
  const running = useRef(false);

  const edit = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFormError('');
  };

  const submit = async () => {
    if (running.current) return;
    const checked = checkForm(passwordResetBodySchema, {
      phone: values.phone.trim(),
      smsCode: values.smsCode.trim(),
      newPassword: values.newPassword,
    });
    if (!checked.ok) return setErrors(checked.errors);
    if (values.repeated !== values.newPassword) return setErrors({ repeated: '两次输入的新密码不一致' });
    running.current = true;
    setBusy(true);
    setFormError('');
    try {
      await resetPassword(checked.data);
    } catch (error) {
      const fields: FieldErrors<Field> = fieldErrorsOf(error, SERVER_FIELDS);
      if (error instanceof ApiError && SMS_CODE_REFUSALS.has(error.code)) fields.smsCode = error.message;
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFormError(messageOf(error, '重置密码失败，请稍后重试'));
      running.current = false;
      setBusy(false);
      return;
    }
    toastDone('密码已重置');
    goHome();
  };

  return (
    <Page>
      <View className='card'>
        <Text className='card__title'>忘记密码</Text>
        <Text className='card__hint'>验证码将以短信发送到您注册时的手机号，验证后设置新密码。</Text>
        <FormField
          label='手机号'
          name='phone'
          kind='phone'
          value={values.phone}
          placeholder='请输入手机号'
          maxlength={11}
          error={errors.phone}
          disabled={busy}
          onInput={edit('phone')}
        />
        <SmsCodeField
          phone={values.phone}
          purpose='reset'
          value={values.smsCode}
          error={errors.smsCode}
          disabled={busy}
          onInput={edit('smsCode')}
          onPhoneError={(message) => setErrors((current) => ({ ...current, phone: message }))}
        />
        <NewPasswordFields values={values} errors={errors} disabled={busy} onInput={edit} onConfirm={submit} />

        {formError && <Text className='login__error'>{formError}</Text>}

        <ActionButton busy={busy} onClick={submit}>
          重置密码
        </ActionButton>
      </View>
    </Page>
  );
}
