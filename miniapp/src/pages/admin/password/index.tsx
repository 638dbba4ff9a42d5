import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { changePasswordBodySchema, type Me } from '@huijia/shared';
import { ErrorNote, useSubmit } from '../../../components/admin/ui';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { NewPasswordFields } from '../../../components/FormField/NewPasswordFields';
import { Loaded } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { useMe } from '../../../hooks/useMe';
import { goHome, goToLogin } from '../../../routes';
import { ApiError } from '../../../services/api';
import { changePassword, signOut } from '../../../services/auth';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import '../../../components/admin/admin.css';

type Field = 'currentPassword' | 'newPassword' | 'repeated';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword'];

/** Where each refusal of the server belongs. */
const FIELD_OF_CODE: Record<string, Field> = {
  CURRENT_PASSWORD_WRONG: 'currentPassword',
  PASSWORD_UNCHANGED: 'newPassword',
};

function ChangeForm({ me, forced }: { me: Me; forced: boolean }) {
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', repeated: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [leaving, setLeaving] = useState(false);
  const { busy, error, submit } = useSubmit();
  const edit = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const send = () => {
    const checked = checkForm(changePasswordBodySchema, { currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (!checked.ok) return setErrors(checked.errors);
    if (values.repeated !== values.newPassword) return setErrors({ repeated: '两次输入的新密码不一致' });
    void submit(async () => {
      try {
        await changePassword(checked.data);
      } catch (failure) {
        const fields: FieldErrors<Field> = fieldErrorsOf(failure, FIELDS);
        const field = failure instanceof ApiError ? FIELD_OF_CODE[failure.code] : undefined;
        if (field) fields[field] = failure instanceof ApiError ? failure.message : undefined;
        if (Object.keys(fields).length === 0) throw failure;
        setErrors(fields);
        return;
      }
      toastDone('密码已修改');
      // Forced, the app starts afresh now that every route answers again; otherwise back to 我的.
      if (forced) goHome();
      else void Taro.navigateBack().catch(goHome);
    });
  };

  const leave = async () => {
    setLeaving(true);
    await signOut();
    goToLogin();
  };

  return (
    <>
      {forced && (
        <View className='card'>
          <Text className='card__title'>管理员已重置您的密码，请设置新密码</Text>
          <Text className='adm-note'>请用管理员告诉您的一次性密码，设置一个只有您自己知道的新密码。设置后才能继续使用。</Text>
        </View>
      )}
      <View className='card'>
        {!forced && <Text className='card__title'>修改密码</Text>}
        <Text className='card__hint'>{`${me.user.name || '账号'}${me.user.phone ? ` · ${me.user.phone}` : ''}`}</Text>
        <ErrorNote message={error} />
        <FormField
          label={forced ? '一次性密码' : '当前密码'}
          name='currentPassword'
          kind='password'
          value={values.currentPassword}
          placeholder={forced ? '请输入管理员告诉您的密码' : '请输入当前密码'}
          maxlength={128}
          error={errors.currentPassword}
          disabled={busy}
          onInput={edit('currentPassword')}
        />
        <NewPasswordFields values={values} errors={errors} disabled={busy} onInput={edit} onConfirm={send} />
        <ActionButton busy={busy} disabled={leaving} onClick={send}>
          保存新密码
        </ActionButton>
      </View>
      {forced && (
        <View className='card'>
          <ActionButton variant='quiet' busy={leaving} disabled={busy} onClick={leave}>
            退出登录
          </ActionButton>
        </View>
      )}
    </>
  );
}

/**
 * 修改密码, for everyone (from 我的); after an admin's reset (the account says so) the only page
 * that works, until a new password is set.
 */
export default function PasswordPage() {
  const { state, reload } = useMe();
  return (
    <Page>
      <Loaded state={state} onRetry={reload} missing={null}>
        {(me) => <ChangeForm me={me} forced={me.user.mustChangePassword} />}
      </Loaded>
    </Page>
  );
}
