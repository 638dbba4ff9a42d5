import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Me } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { pageWhileLoading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { confirmStep } from '../../../hooks/useAction';
import { useMe } from '../../../hooks/useMe';
import { goToLogin } from '../../../routes';
import { ApiError } from '../../../services/api';
import { deleteAccount } from '../../../services/auth';
import { messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import './index.css';

/** What deleting an account does, said before it is done (README, "Signing in"). */
const CONSEQUENCES = [
  '您的姓名、手机号、密码和微信登录将被删除，账号无法恢复；',
  '进行中的社区报到随之结束，认领的岗位、结对和心愿交回社区；',
  '尚未被认领的心愿撤回；',
  '已核实的服务记录和积分以“已注销用户”保留，用于社区统计。',
];

/** Staff, admins and party representatives run things others rely on: their roles go first. */
const holdsRoles = (me: Me) => me.roles.some((grant) => grant.role !== 'resident' && grant.role !== 'member');

function DeleteForm({ me }: { me: Me }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const asked = await confirmStep({ title: '注销账号', content: '注销后您的个人信息将被删除，无法恢复。确定注销吗？', confirmText: '注销' });
    if (!asked) return;
    setBusy(true);
    try {
      await deleteAccount(password ? { password } : {});
      toastDone('账号已注销');
      goToLogin();
    } catch (failure) {
      setError(failure instanceof ApiError && failure.code === 'CURRENT_PASSWORD_WRONG' ? '密码不正确' : messageOf(failure, '注销失败，请稍后重试'));
      setBusy(false);
    }
  };

  return (
    <View className='card'>
      <Text className='card__title'>注销账号</Text>
      <View className='account-delete__list'>
        {CONSEQUENCES.map((line) => (
          <Text key={line} className='account-delete__line'>{`· ${line}`}</Text>
        ))}
      </View>
      {holdsRoles(me) ? (
        <Text className='account-delete__blocked'>您还担任社区工作人员、管理员或党代表。请先请上级管理员在「人员与权限」中撤销这些身份，再注销账号。</Text>
      ) : (
        <>
          {me.user.phone && (
            <FormField
              label='登录密码'
              name='password'
              kind='password'
              value={password}
              placeholder='请输入密码以确认是本人操作'
              hint='仅用微信登录、没有设置密码的，可以不填'
              maxlength={128}
              error={error}
              onInput={(value) => {
                setPassword(value);
                setError(undefined);
              }}
            />
          )}
          {!me.user.phone && error && <Text className='field__error'>{error}</Text>}
          <ActionButton busy={busy} onClick={() => void submit()}>
            注销账号
          </ActionButton>
        </>
      )}
    </View>
  );
}

/** 注销账号 (我的 → 账号安全): the person deletes their own account and its personal information. */
export default function DeleteAccountPage() {
  const { state, reload } = useMe();
  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  return (
    <Page>
      <DeleteForm me={state.value} />
    </Page>
  );
}
