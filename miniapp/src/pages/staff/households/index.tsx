import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { createHouseholdBodySchema, type Household } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { HouseholdCapSheet } from '../../../components/HouseholdCap';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { usePagedList } from '../../../hooks/usePagedList';
import { type Scope, type ScopeChoice } from '../../../hooks/useScope';
import { listHouseholds, registerHousehold } from '../../../services/pairing';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { householdDrafts, type HouseholdFormValues } from './draft';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

type Field = 'name' | 'needs' | 'address' | 'maxMembers';
const FIELDS: readonly Field[] = ['name', 'needs', 'address', 'maxMembers'];
const EMPTY: HouseholdFormValues = { name: '', needs: '', address: '', maxMembers: '1' };
const isBlank = (v: HouseholdFormValues) => !v.name.trim() && !v.needs.trim() && !v.address.trim();

interface HouseholdFormProps {
  community: Scope;
  /** Whose unsent registration this is (`ScopeChoice.draftOwner`): kept on the phone until sent. */
  draftOwner: string;
  onDone: (household: Household) => void;
  onCancel: () => void;
}

/** 登记困难群众: name, needs, address (only staff and the paired member see it), how many may pair. */
function HouseholdForm({ community, draftOwner, onDone, onCancel }: HouseholdFormProps) {
  const draft = useFormDraft(householdDrafts, draftOwner);
  const [values, setValues] = useState(() => draft.restored ?? EMPTY);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; what is kept is `values`
  useEffect(() => draft.keep(isBlank(values) ? null : values), [values]);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { busy, run } = useAction();
  const sending = busy !== null;
  const set = (key: Field) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
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
    const send = () =>
      registerHousehold(checked.data).catch((error: unknown) => {
        setErrors(fieldErrorsOf(error, FIELDS));
        throw error;
      });
    const household = await run('send', send, { done: '已登记' });
    if (!household) return;
    draft.done();
    onDone(household);
  };

  const cancel = async () => {
    if (await draft.giveUp(!isBlank(values), { title: '放弃登记', content: '填写的内容将不再保留。确定放弃吗？', confirmText: '放弃' })) onCancel();
  };

  return (
    <View className='card'>
      <Text className='card__title'>登记困难群众</Text>
      <FormField label='户主姓名' name='name' value={values.name} placeholder='党员结对前只显示姓氏' maxlength={30} error={errors.name} disabled={sending} onInput={set('name')} />
      <TextAreaField label='帮扶需求' name='needs' value={values.needs} placeholder='例如：独居老人，需要每周探访、代购' maxlength={500} error={errors.needs} disabled={sending} onInput={set('needs')} />
      <FormField label='住址（选填）' name='address' value={values.address} placeholder='只有社区和结对党员能看到' maxlength={120} error={errors.address} disabled={sending} onInput={set('address')} />
      <FormField label='可结对党员人数' name='maxMembers' value={values.maxMembers} placeholder='一般为 1' maxlength={2} error={errors.maxMembers} disabled={sending} onInput={set('maxMembers')} />
      <View className='svc-actions'>
        <ActionButton variant='quiet' small disabled={sending} onClick={cancel}>取消</ActionButton>
        <ActionButton small busy={sending} onClick={submit}>登记</ActionButton>
      </View>
    </View>
  );
}

function Households({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  // A community's households come whole, as one page.
  const list = usePagedList(() => listHouseholds(community.id).then((items) => ({ items })), [community.id]);
  // A registration left half-written opens again as it was.
  const [registering, setRegistering] = useState(() => householdDrafts.read(choice.draftOwner) !== null);
  const [capping, setCapping] = useState<Household | null>(null);
  return (
    <View>
      <ScopeSwitch choice={choice} />
      {registering ? (
        <HouseholdForm
          community={community}
          draftOwner={choice.draftOwner}
          onCancel={() => setRegistering(false)}
          onDone={(household) => {
            list.update((shown) => [household, ...shown]);
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
        <PagedBody
          list={list}
          inline
          empty={<Empty inline text='还没有登记的家庭。点上方「登记困难群众」登记第一户，党员就能结对帮扶。' />}
          renderItem={(household) => (
            <View key={household.id} className='svc-holder'>
              <View className='svc-holder__head'>
                <Text className='svc-holder__name'>{household.name}</Text>
                <Text className={`svc-tag ${household.activePairings > 0 ? 'svc-tag--active' : 'svc-tag--open'}`}>
                  {household.activePairings > 0 ? `已结对 ${household.activePairings}/${household.maxMembers}` : '待结对'}
                </Text>
              </View>
              <Text className='svc-holder__commitment'>{household.needs}</Text>
              {household.address && <Text className='svc-muted'>{household.address}</Text>}
              <View className='svc-holder__actions'>
                <ActionButton variant='plain' small onClick={() => setCapping(household)}>
                  修改结对人数
                </ActionButton>
              </View>
            </View>
          )}
        />
      </View>
      {capping && (
        <HouseholdCapSheet
          household={capping}
          onClose={() => setCapping(null)}
          onDone={(changed) => {
            list.update((shown) => shown.map((h) => (h.id === changed.id ? changed : h)));
            setCapping(null);
          }}
        />
      )}
    </View>
  );
}

/** 困难群众: register a household in difficulty and see which are paired. */
export default function HouseholdsPage() {
  return (
    <RolePage role='community_staff' refused='只有社区工作人员可以登记困难群众。'>
      {(choice) => <Households key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
