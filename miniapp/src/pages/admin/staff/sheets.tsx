import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { deactivateUserBodySchema, grantStaffBodySchema, type Role, ROLE_LABELS } from '@huijia/shared';
import { ErrorNote, useSubmit } from '../../../components/admin/ui';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Sheet } from '../../../components/Sheet';
import { Chips } from '../../../components/wish/Chips';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { ApiError } from '../../../services/api';
import { deactivateUser, grantStaff, type StaffRow, type StaffScope } from '../../../services/staff';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { aria } from '../../../utils/a11y';

type GrantField = 'phone' | 'name' | 'initialPassword';
const GRANT_FIELDS: readonly GrantField[] = ['phone', 'name', 'initialPassword'];

/**
 * 授予角色 here: one of the roles the caller may grant, to a phone. A phone with no account gets
 * one, with the initial password given (the server says so when it is missing).
 */
export function GrantSheet({
  scope,
  placeName,
  roles,
  onDone,
  onClose,
}: {
  scope: StaffScope;
  placeName: string;
  roles: readonly Role[];
  onDone: () => void;
  onClose: () => void;
}) {
  const [role, setRole] = useState<Role>(roles[0]!);
  const [values, setValues] = useState<Record<GrantField, string>>({ phone: '', name: '', initialPassword: '' });
  const [errors, setErrors] = useState<FieldErrors<GrantField>>({});
  const { busy, error, setError, submit } = useSubmit();
  const edit = (field: GrantField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const send = () => {
    const checked = checkForm(grantStaffBodySchema, {
      orgId: 'orgId' in scope ? scope.orgId : undefined,
      unitId: 'unitId' in scope ? scope.unitId : undefined,
      role,
      phone: values.phone.trim(),
      name: values.name,
      initialPassword: values.initialPassword || undefined,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      if (checked.errors.role) setError(checked.errors.role);
      return;
    }
    void submit(async () => {
      try {
        await grantStaff(checked.data);
      } catch (failure) {
        // A missing initial password, a bad phone: said beside the field it is about.
        const fields = fieldErrorsOf(failure, GRANT_FIELDS);
        if (failure instanceof ApiError && failure.code === 'INITIAL_PASSWORD_REQUIRED') fields.initialPassword = failure.message;
        if (Object.keys(fields).length === 0) throw failure;
        setErrors(fields);
        return;
      }
      onDone();
    });
  };
  return (
    <Sheet title={`在「${placeName}」授予角色`} submitLabel='授予' busy={busy} onSubmit={send} onClose={onClose}>
      <Text className='field__label'>角色</Text>
      <Chips label='角色' options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))} value={role} onChange={setRole} disabled={busy} />
      <ErrorNote message={error} />
      <FormField label='手机号' name='phone' kind='phone' value={values.phone} placeholder='请输入手机号' maxlength={11} error={errors.phone} disabled={busy} onInput={edit('phone')} />
      <FormField label='姓名' name='name' kind='name' value={values.name} placeholder='请输入姓名' maxlength={30} error={errors.name} disabled={busy} onInput={edit('name')} />
      <FormField
        label='初始密码'
        name='initialPassword'
        kind='new-password'
        value={values.initialPassword}
        placeholder='新账号需设置，至少 8 位'
        hint='该手机号还没有账号时必填，请当面或电话告诉本人；已有账号不用填。'
        maxlength={128}
        error={errors.initialPassword}
        disabled={busy}
        onInput={edit('initialPassword')}
        onConfirm={send}
      />
    </Sheet>
  );
}

/** 停用账号, the confirmation itself: what it does, and a required reason. */
export function DeactivateSheet({ grant, onDone, onClose }: { grant: StaffRow; onDone: () => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const { busy, error, submit } = useSubmit();
  const send = () => {
    const checked = checkForm(deactivateUserBodySchema, { reason });
    if (!checked.ok) return setReasonError(checked.errors.reason);
    void submit(async () => {
      await deactivateUser(grant.user.id, checked.data.reason);
      onDone();
    });
  };
  return (
    <Sheet title={`停用${grant.user.name}的账号`} submitLabel='确认停用' busy={busy} onSubmit={send} onClose={onClose}>
      <Text className='wish-sheet__warning'>{`停用后，${grant.user.name}在所有设备上立即退出，不能再登录；角色和记录保留，之后可以恢复。`}</Text>
      <ErrorNote message={error} />
      <TextAreaField
        label='停用原因（必填）'
        name='reason'
        value={reason}
        placeholder='例如：已调离本社区'
        maxlength={200}
        error={reasonError}
        disabled={busy}
        onInput={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
      />
    </Sheet>
  );
}

/** The one-time password of a reset, shown this once: to copy and pass on in person or by phone. */
export function OneTimePasswordSheet({ name, password, onClose }: { name: string; password: string; onClose: () => void }) {
  const copy = () => {
    Taro.setClipboardData({ data: password }).catch(() => undefined);
  };
  return (
    <Sheet title='一次性密码' onClose={onClose}>
      <Text className='adm-note'>{`${name}的新密码（只显示这一次）：`}</Text>
      <Text className='adm-secret' {...aria({ 'aria-label': '一次性密码' })}>
        {password}
      </Text>
      <Text className='adm-note'>{`请当面或电话告诉${name}。用它登录后必须先设置新密码，才能继续使用。`}</Text>
      <View className='wish-sheet__actions'>
        <ActionButton variant='plain' className='wish-sheet__action' onClick={copy}>
          复制密码
        </ActionButton>
        <ActionButton className='wish-sheet__action' onClick={onClose}>
          完成
        </ActionButton>
      </View>
    </Sheet>
  );
}
