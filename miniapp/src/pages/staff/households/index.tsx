import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { createHouseholdBodySchema, type Household } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Failed, Loading } from '../../../components/LoadState';
import type { Community } from '../../../components/service/community';
import { NOT_STAFF_TEXT, useStaffScope } from '../../../components/service/useStaffScope';
import { showActionFailure } from '../../../components/wish/actions';
import { EmptyState } from '../../../components/wish/PagedBody';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useRemote } from '../../../hooks/useRemote';
import { listHouseholds, registerHousehold } from '../../../services/pairing';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

type Field = 'name' | 'needs' | 'address' | 'maxMembers';
const FIELDS: readonly Field[] = ['name', 'needs', 'address', 'maxMembers'];
const EMPTY = { name: '', needs: '', address: '', maxMembers: '1' };

/** 登记困难群众: name, needs, address (only staff and the paired member see it), how many may pair. */
function HouseholdForm({ community, onDone }: { community: Community; onDone: (household: Household) => void }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [sending, setSending] = useState(false);
  const running = useRef(false);
  const set = (key: Field) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    if (running.current) return;
    const maxMembers = /^\d+$/.test(values.maxMembers.trim()) ? Number(values.maxMembers.trim()) : Number.NaN;
    const checked = checkForm(createHouseholdBodySchema, {
      communityId: community.id,
      name: values.name,
      needs: values.needs,
      address: values.address.trim() || undefined,
      maxMembers,
    });
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        name: checked.errors.name && '请输入户主姓名',
        maxMembers: checked.errors.maxMembers && '结对人数为 1 到 10',
      });
      return;
    }
    running.current = true;
    setSending(true);
    try {
      const household = await registerHousehold(checked.data);
      Taro.showToast({ title: '已登记', icon: 'success' });
      setValues(EMPTY);
      onDone(household);
    } catch (error) {
      setErrors(fieldErrorsOf(error, FIELDS));
      await showActionFailure(error, () => undefined);
    } finally {
      running.current = false;
      setSending(false);
    }
  };

  return (
    <View className='card'>
      <Text className='card__title'>登记困难群众</Text>
      <FormField label='户主姓名' name='name' value={values.name} placeholder='党员结对前只显示姓氏' maxlength={30} error={errors.name} disabled={sending} onInput={set('name')} />
      <TextAreaField label='帮扶需求' name='needs' value={values.needs} placeholder='例如：独居老人，需要每周探访、代购' maxlength={500} error={errors.needs} disabled={sending} onInput={set('needs')} />
      <FormField label='住址（选填）' name='address' value={values.address} placeholder='只有社区和结对党员能看到' maxlength={120} error={errors.address} disabled={sending} onInput={set('address')} />
      <FormField label='可结对党员人数' name='maxMembers' value={values.maxMembers} placeholder='一般为 1' maxlength={2} error={errors.maxMembers} disabled={sending} onInput={set('maxMembers')} />
      <ActionButton busy={sending} onClick={submit}>登记</ActionButton>
    </View>
  );
}

function Households({ community }: { community: Community }) {
  const { state, retry } = useRemote(() => listHouseholds(community.id), [community.id]);
  const [added, setAdded] = useState<Household[]>([]);
  const [registering, setRegistering] = useState(false);
  return (
    <View>
      {registering ? (
        <HouseholdForm
          community={community}
          onDone={(household) => {
            setAdded((list) => [household, ...list]);
            setRegistering(false);
          }}
        />
      ) : (
        <View className='card'>
          <Text className='card__hint'>{`${community.name} · 登记后党员可在「结对帮扶」中结对`}</Text>
          <ActionButton onClick={() => setRegistering(true)}>登记困难群众</ActionButton>
        </View>
      )}
      <View className='card'>
        <Text className='card__title'>已登记的家庭</Text>
        {state.kind === 'loading' && <Loading inline />}
        {state.kind === 'failed' && <Failed inline message={state.message} onRetry={retry} />}
        {state.kind === 'ready' &&
          (() => {
            const seen = new Set(added.map((h) => h.id));
            const all = [...added, ...state.value.filter((h) => !seen.has(h.id))];
            if (all.length === 0) return <Text className='svc-muted'>还没有登记的家庭。</Text>;
            return all.map((household) => (
              <View key={household.id} className='svc-holder'>
                <View className='svc-holder__head'>
                  <Text className='svc-holder__name'>{household.name}</Text>
                  <Text className={`svc-tag ${household.activePairings > 0 ? 'svc-tag--active' : 'svc-tag--open'}`}>
                    {household.activePairings > 0 ? `已结对 ${household.activePairings}/${household.maxMembers}` : '待结对'}
                  </Text>
                </View>
                <Text className='svc-holder__commitment'>{household.needs}</Text>
                {household.address && <Text className='svc-muted'>{household.address}</Text>}
              </View>
            ));
          })()}
      </View>
    </View>
  );
}

/** 困难群众: register a household in difficulty and see which are paired. */
export default function HouseholdsPage() {
  const { state, reload } = useStaffScope();
  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') return <Page><Failed message={state.message} onRetry={reload} /></Page>;
  return (
    <Page>
      {state.value ? <Households community={state.value} /> : <EmptyState text={NOT_STAFF_TEXT} />}
    </Page>
  );
}
