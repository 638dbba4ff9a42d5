import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type CommunitySettings, DEFAULT_CONTACT_DAYS, DEFAULT_FULFIL_DAYS, DEFAULT_HOUSEHOLD_MAX_MEMBERS } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Failed } from '../../../components/LoadState';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { Skeleton } from '../../../components/Skeleton';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import type { ScopeChoice } from '../../../hooks/useScope';
import { getCommunitySettings, saveCommunitySettings } from '../../../services/settings';
import { SERVICE_ROUTES } from '../../../subpackages/service';
import { buttonAria } from '../../../utils/a11y';
import { type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { boundsOf, changed, checkSettings, SETTINGS_FIELDS, type SettingsField, type SettingsValues, valuesOf } from './form';
import './index.css';

/** "1-60": the bounds a setting may take. */
function range(field: SettingsField): string {
  const { min, max } = boundsOf(field);
  return `${min}-${max}`;
}

/** The form over the saved settings: save once something changed and every field is in bounds. */
function SettingsForm({ communityId, saved, onSaved }: { communityId: string; saved: CommunitySettings; onSaved: (s: CommunitySettings) => void }) {
  const [values, setValues] = useState<SettingsValues>(() => valuesOf(saved));
  const [errors, setErrors] = useState<FieldErrors<SettingsField>>({});
  const { busy, run } = useAction();
  const sending = busy !== null;
  const set = (field: SettingsField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async () => {
    const checked = checkSettings(values);
    if (!checked.ok) return setErrors(checked.errors);
    const send = () =>
      saveCommunitySettings(communityId, checked.data).catch((error: unknown) => {
        setErrors(fieldErrorsOf(error, SETTINGS_FIELDS));
        throw error;
      });
    const answer = await run('save', send, { done: '已保存' });
    if (!answer) return;
    setValues(valuesOf(answer));
    onSaved(answer);
  };

  const field = (name: SettingsField, label: string, placeholder: string, hint: string) => {
    const { max } = boundsOf(name);
    return (
      <FormField
        label={label}
        name={name}
        value={values[name]}
        placeholder={placeholder}
        hint={hint}
        maxlength={String(max).length}
        error={errors[name]}
        disabled={sending}
        onInput={set(name)}
      />
    );
  };

  const dirty = changed(values, saved);
  return (
    <>
      <View className='card'>
        <Text className='card__title'>心愿认领期限</Text>
        <Text className='card__hint'>
          党员认领心愿后，须在期限内联系居民并完成；逾期未办，心愿自动重新发布并通知社区。修改只对之后的认领生效，已认领的仍按原期限。
        </Text>
        {field('contactDays', '联系期限（天）', '认领后几天内联系居民', `可设 ${range('contactDays')} 天，默认 ${DEFAULT_CONTACT_DAYS} 天`)}
        {field('fulfilDays', '完成期限（天）', '认领后几天内完成', `可设 ${range('fulfilDays')} 天，默认 ${DEFAULT_FULFIL_DAYS} 天`)}
      </View>
      <View className='card'>
        <Text className='card__title'>结对帮扶</Text>
        <Text className='card__hint'>一户困难群众最多可以与几名党员结对。各户的结对人数在「困难群众」中修改。</Text>
        {field('householdMaxMembers', '每户结对上限（人）', '每户最多结对人数', `可设 ${range('householdMaxMembers')} 人，默认 ${DEFAULT_HOUSEHOLD_MAX_MEMBERS} 人`)}
        <Text
          className='link settings-link'
          onClick={() => void Taro.navigateTo({ url: SERVICE_ROUTES.staffHouseholds })}
          {...buttonAria()}
        >
          去「困难群众」查看各户 ›
        </Text>
      </View>
      <View className='settings-submit'>
        <ActionButton busy={busy === 'save'} disabled={!dirty} onClick={submit}>
          保存设置
        </ActionButton>
        {!dirty && <Text className='card__hint settings-submit__hint'>修改后即可保存</Text>}
      </View>
    </>
  );
}

function Settings({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const { state, retry } = useRemote(() => getCommunitySettings(community.id), [community.id]);
  const [saved, setSaved] = useState<CommunitySettings | null>(null);
  const shown = saved ?? (state.kind === 'ready' ? state.value : null);
  return (
    <View>
      <ScopeSwitch choice={choice} />
      <View className='card'>
        <Text className='settings-community'>{community.name}</Text>
        <Text className='card__hint settings-community__hint'>以下设置只对本社区有效</Text>
      </View>
      {state.kind === 'loading' && <Skeleton lines={5} />}
      {state.kind === 'failed' && <Failed message={state.message} onRetry={retry} />}
      {shown && <SettingsForm communityId={community.id} saved={shown} onSaved={setSaved} />}
    </View>
  );
}

/** 社区设置 (community staff): the community's claim deadlines and its household pairing cap. */
export default function CommunitySettingsPage() {
  return (
    <RolePage role='community_staff' refused='只有社区工作人员可以修改社区设置。'>
      {(choice) => <Settings key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
