import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect } from 'react';
import { chinaToday, type PartnerUnit, termEnd } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed } from '../../../components/LoadState';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { PickerField } from '../../../components/service/PickerField';
import { Skeleton } from '../../../components/Skeleton';
import { ResourceChips } from '../../../components/wish/ResourceChips';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { WishRow } from '../../../components/wish/WishCard';
import { useForm } from '../../../hooks/useForm';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useRemote } from '../../../hooks/useRemote';
import type { ScopeChoice } from '../../../hooks/useScope';
import { listPartnerUnits, proposeAgreement } from '../../../services/agreements';
import { agreementDetailUrl } from '../../../subpackages/agreements';
import { toastDone } from '../../../utils/toast';
import { type AgreementFormValues, agreementDrafts, isBlank } from './draft';
import { type AgreementField, checkAgreement, fieldId, AGREEMENT_FIELDS, serverErrors } from './form';
import '../../../components/wish/wish.css';
import '../agreement.css';

/** A new agreement's term unless changed: three years from today. */
const TERM_YEARS = 3;
const CONTENT_MAX = 2000;

function blankValues(): AgreementFormValues {
  const today = chinaToday();
  return { unitId: null, startsOn: today, endsOn: termEnd(today, TERM_YEARS), content: '', resources: [] };
}

/** Where the field stands on the page, for scrolling to its error. */
function Anchor({ field, children }: { field: AgreementField; children: ReactNode }) {
  return <View id={fieldId(field)}>{children}</View>;
}

/** The unit to propose to, among those in the community's reach; those already paired are marked. */
function UnitField({ units, value, error, disabled, onChange }: {
  units: PartnerUnit[];
  value: string | null;
  error?: string;
  disabled: boolean;
  onChange: (id: string) => void;
}) {
  const index = units.findIndex((unit) => unit.id === value);
  const chosen = units[index];
  return (
    <>
      <PickerField
        mode='selector'
        label='共建单位'
        placeholder='请选择辖区内的单位'
        options={units.map((unit) => (unit.paired ? `${unit.name}（已结对）` : unit.name))}
        index={index}
        error={error}
        disabled={disabled}
        onChange={(i) => {
          const unit = units[i];
          if (unit) onChange(unit.id);
        }}
      />
      {chosen?.paired && <Text className='card__hint'>该单位已与本社区结对，可在现有协议到期后续签，期限不能与生效中的协议重叠。</Text>}
    </>
  );
}

function AgreementForm({ choice, units }: { choice: ScopeChoice; units: PartnerUnit[] }) {
  const community = choice.current;
  const draft = useFormDraft(agreementDrafts, choice.draftOwner);
  const { values, change, errors, refuse, formError, sending, send } = useForm<AgreementFormValues, AgreementField>(
    () => {
      const kept = draft.restored;
      // A unit no longer in reach is not kept.
      return kept ? { ...kept, unitId: units.some((unit) => unit.id === kept.unitId) ? kept.unitId : null } : blankValues();
    },
    AGREEMENT_FIELDS,
    fieldId,
  );

  useEffect(() => {
    draft.keep(isBlank(values) ? null : values);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render
  }, [values]);

  const submit = () => {
    const checked = checkAgreement(values, community.id);
    if (!checked.ok) return refuse(checked.errors);
    void send(async () => {
      const agreement = await proposeAgreement(checked.data);
      draft.done();
      toastDone('已发起，等待单位确认');
      Taro.redirectTo({ url: agreementDetailUrl(agreement.id) });
    }, serverErrors);
  };

  if (units.length === 0) {
    return <Empty text='辖区内还没有可以共建的单位。单位由区管理员在「单位管理」中登记。' />;
  }

  return (
    <>
      <View className='card'>
        <WishRow label='发起社区' value={community.name} />
        <Anchor field='unitId'>
          <UnitField units={units} value={values.unitId} error={errors.unitId} disabled={sending} onChange={(unitId) => change({ unitId }, ['unitId'])} />
        </Anchor>
      </View>

      <View className='card'>
        <Anchor field='startsOn'>
          <PickerField
            mode='date'
            label='开始日期'
            placeholder='请选择开始日期'
            value={values.startsOn}
            error={errors.startsOn}
            disabled={sending}
            onChange={(startsOn) => change({ startsOn }, ['startsOn', 'endsOn'])}
          />
        </Anchor>
        <Anchor field='endsOn'>
          <PickerField
            mode='date'
            label='结束日期'
            placeholder='请选择结束日期'
            value={values.endsOn}
            error={errors.endsOn}
            disabled={sending}
            onChange={(endsOn) => change({ endsOn }, ['startsOn', 'endsOn'])}
          />
        </Anchor>
        <Text className='card__hint'>协议期限最长 5 年，到期自动终止；单位接受后，期限内单位与本社区结对。</Text>
      </View>

      <View className='card'>
        <Anchor field='content'>
          <TextAreaField
            label='共建内容'
            name='content'
            value={values.content}
            placeholder='双方共建什么、怎么做，如：每月组织一次义诊进社区，为高龄老人建立健康档案'
            maxlength={CONTENT_MAX}
            error={errors.content}
            disabled={sending}
            onInput={(content) => change({ content }, ['content'])}
          />
        </Anchor>
        <Anchor field='resources'>
          <ResourceChips label='单位投入' value={values.resources} error={errors.resources} disabled={sending} onChange={(resources) => change({ resources }, ['resources'])} />
        </Anchor>
      </View>

      <View className='wish-submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} onClick={submit}>
          发起共建
        </ActionButton>
      </View>
    </>
  );
}

/** The units the community may propose to, then the form. */
function ProposeForCommunity({ choice }: { choice: ScopeChoice }) {
  const units = useRemote(() => listPartnerUnits(choice.current.id), [choice.current.id]);
  return (
    <>
      <ScopeSwitch choice={choice} />
      {units.state.kind === 'loading' ? (
        <Skeleton />
      ) : units.state.kind === 'failed' ? (
        <Failed message={units.state.message} onRetry={units.retry} />
      ) : (
        <AgreementForm key={choice.current.id} choice={choice} units={units.state.value} />
      )}
    </>
  );
}

/** 发起共建 (community staff): a 共建协议 proposed to a unit in reach, which its admin accepts or declines. */
export default function ProposeAgreementPage() {
  return (
    <RolePage role='community_staff' className='wish-page' refused='共建协议由社区工作人员发起。'>
      {(choice) => <ProposeForCommunity choice={choice} />}
    </RolePage>
  );
}

