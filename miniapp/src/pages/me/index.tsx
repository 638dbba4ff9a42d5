import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Me, ROLE_LABELS } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Failed, Loading } from '../../components/LoadState';
import { MyReporting } from '../../components/reporting/MyReporting';
import { confirmStep } from '../../hooks/useAction';
import { useMe } from '../../hooks/useMe';
import { goToLogin, openPage, ROUTES } from '../../routes';
import { signOut } from '../../services/auth';
import { ADMIN_ROUTES } from '../../subpackages/admin';
import { updateMe } from '../../services/me';
import { buttonAria } from '../../utils/a11y';
import { PhoneBinding } from '../../components/PhoneBinding';
import { ElderMode } from './ElderMode';
import { HomeCommunity } from './HomeCommunity';
import { PioneerRoles } from './PioneerRoles';
import { Profile } from './Profile';
import type { SaveMe } from './save';
import { Page } from '../../components/Page';
import { toastDone } from '../../utils/toast';
import './index.css';

function RolesCard({ me }: { me: Me }) {
  return (
    <View className='card'>
      <Text className='card__title'>我的身份</Text>
      {me.roles.length === 0 ? (
        <View className='me-row'>
          <Text className='me-row__label'>{ROLE_LABELS.resident}</Text>
        </View>
      ) : (
        me.roles.map((grant, index) => (
          <View key={`${grant.role}-${grant.orgId ?? grant.unitId ?? index}`} className='me-row'>
            <Text className='me-row__label'>{ROLE_LABELS[grant.role]}</Text>
            {/* A member's unit is the 所在单位 row below. */}
            {grant.scopeName && !(grant.role === 'member' && me.member) && (
              <Text className='me-row__value'>{grant.scopeName}</Text>
            )}
          </View>
        ))
      )}
      {me.member && (
        <View className='me-member'>
          <View className='me-row'>
            <Text className='me-row__label'>所在单位</Text>
            <Text className='me-row__value'>{me.member.unitName}</Text>
          </View>
          <View className='me-row'>
            <Text className='me-row__label'>所在支部</Text>
            <Text className='me-row__value'>{me.member.branch ?? '未填写'}</Text>
          </View>
        </View>
      )}
    </View>
  );
}

/** 我的: who I am, where I live, my pioneer roles; sign out. */
export default function MePage() {
  const { state, reload, replace } = useMe();
  const [leaving, setLeaving] = useState(false);

  const save: SaveMe = async (body) => {
    replace(await updateMe(body));
    toastDone('已保存');
  };

  const confirmSignOut = async () => {
    if (!(await confirmStep({ title: '退出登录', content: '退出后需要重新登录才能使用', confirmText: '退出' }))) return;
    setLeaving(true);
    await signOut();
    goToLogin();
  };

  if (state.kind === 'loading') {
    return (
      <Page>
        <Loading />
      </Page>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Page>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }

  const me = state.value;
  return (
    <Page>
      {!me.user.phone && <PhoneBinding onBound={reload} />}
      <Profile name={me.user.name} phone={me.user.phone} onSave={save} />
      <RolesCard me={me} />
      <MyReporting me={me} />
      <HomeCommunity communityId={me.user.homeCommunityId} onSave={save} />
      {/* 五个先锋: every member chooses theirs; no one else serves in one. */}
      {me.roles.some((grant) => grant.role === 'member') && <PioneerRoles chosen={me.pioneerRoles} onSave={save} />}
      <ElderMode />

      <View className='card'>
        <Text className='card__title'>账号安全</Text>
        {/* Signing in with a password takes a phone: an account without one has no password to change. */}
        {me.user.phone && (
          <View className='me-row' onClick={() => Taro.navigateTo({ url: ADMIN_ROUTES.password })} {...buttonAria()}>
            <Text className='me-row__label'>修改密码</Text>
            <Text className='me-row__value'>›</Text>
          </View>
        )}
        <View className='me-row' onClick={() => Taro.navigateTo({ url: ADMIN_ROUTES.deleteAccount })} {...buttonAria()}>
          <Text className='me-row__label'>注销账号</Text>
          <Text className='me-row__value'>›</Text>
        </View>
        <View className='me-row' onClick={() => Taro.navigateTo({ url: `${ROUTES.legal}?doc=privacy` })} {...buttonAria()}>
          <Text className='me-row__label'>隐私政策</Text>
          <Text className='me-row__value'>›</Text>
        </View>
      </View>

      {/* Whether the service answers: for those who run a community or a unit, not for residents. */}
      {me.roles.some((grant) => grant.role !== 'resident' && grant.role !== 'member') && (
        <View className='card'>
          <Text className='card__title'>关于</Text>
          <View className='me-row' onClick={() => openPage(ROUTES.health)} {...buttonAria()}>
            <Text className='me-row__label'>服务状态</Text>
            <Text className='me-row__value'>›</Text>
          </View>
        </View>
      )}

      <View className='me-signout'>
        <ActionButton variant='quiet' busy={leaving} onClick={confirmSignOut}>
          退出登录
        </ActionButton>
      </View>
    </Page>
  );
}
