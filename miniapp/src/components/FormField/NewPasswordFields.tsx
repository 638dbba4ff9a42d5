import { FormField } from './index';

interface NewPasswordFieldsProps {
  values: { newPassword: string; repeated: string };
  errors: { newPassword?: string; repeated?: string };
  disabled: boolean;
  onInput: (field: 'newPassword' | 'repeated') => (value: string) => void;
  /** The keyboard's 完成 on the second field. */
  onConfirm: () => void;
}

/** 新密码 and 再次输入新密码: how a new password is chosen (修改密码, 忘记密码). */
export function NewPasswordFields({ values, errors, disabled, onInput, onConfirm }: NewPasswordFieldsProps) {
  return (
    <>
      <FormField
        label='新密码'
        name='newPassword'
        kind='new-password'
        value={values.newPassword}
        placeholder='请输入新密码'
        hint='至少 8 位'
        maxlength={128}
        error={errors.newPassword}
        disabled={disabled}
        onInput={onInput('newPassword')}
      />
      <FormField
        label='再次输入新密码'
        name='repeated'
        kind='new-password'
        value={values.repeated}
        placeholder='请再输入一次新密码'
        maxlength={128}
        error={errors.repeated}
        disabled={disabled}
        onInput={onInput('repeated')}
        onConfirm={onConfirm}
      />
    </>
  );
}
