import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import {
  type Activity,
  ACTIVITY_AUDIENCE_LABELS,
  ACTIVITY_CAPACITY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  ACTIVITY_MAX_HOURS,
  ACTIVITY_TITLE_MAX,
  CHECKIN_OPENS_BEFORE_MINUTES,
  type Me,
  PIONEER_ROLE_LABELS,
  PIONEER_ROLES,
  type PioneerRole,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Failed, Loading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { dateValue, formatHours, instantOf, timeValue } from '../../../components/service/format';
import { HalfHourField } from '../../../components/service/HalfHourField';
import { PickerField } from '../../../components/service/PickerField';
import { Chips } from '../../../components/wish/Chips';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { WishRow } from '../../../components/wish/WishCard';
import { useForm } from '../../../hooks/useForm';
import { confirmStep } from '../../../hooks/useAction';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { createActivity, getActivity, newActivityKey, updateActivity } from '../../../services/activities';
import { getUnit } from '../../../services/units';
import { activityDetailUrl } from '../../../subpackages/activities';
import { control } from '../../../utils/a11y';
import { toastDone } from '../../../utils/toast';
import { activityActionsFor } from '../describe';
import { type ActivityFormValues, activityDrafts, isBlank } from './draft';
import { type ActivityField, checkActivityEdit, checkNewActivity, fieldId, ACTIVITY_FIELDS, serverFieldErrors } from './form';
import { type OrganiserChoice, organiserChoices } from './organisers';
import '../../../components/wish/wish.css';
import '../activity.css';

const KIND_OPTIONS = ACTIVITY_KINDS.map((value) => ({ value, label: ACTIVITY_KIND_LABELS[value] }));
const NO_ROLE = 'none';
const ROLE_OPTIONS = [{ value: NO_ROLE, label: '不限' }, ...PIONEER_ROLES.map((value) => ({ value, label: PIONEER_ROLE_LABELS[value] }))] as const;

/** Where the field stands on the page, for scrolling to its error. */
function Anchor({ field, children }: { field: ActivityField; children: ReactNode }) {
  return <View id={fieldId(field)}>{children}</View>;
}

/** A new form: the kept draft (its organiser still one of the user's), else tomorrow 09:00-11:00. */
function startingValues(kept: ActivityFormValues | undefined, choices: OrganiserChoice[], now: Date): ActivityFormValues {
  const firstKey = choices[0]?.key ?? null;
  if (kept) return { ...kept, organiserKey: choices.some((choice) => choice.key === kept.organiserKey) ? kept.organiserKey : firstKey };
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return {
    organiserKey: firstKey,
    communityId: null,
    kind: null,
    title: '',
    description: '',
    pioneerRole: null,
    location: '',
    date: dateValue(tomorrow),
    start: '09:00',
    end: '11:00',
    capacity: '',
    openToUnit: false,
  };
}

function valuesOf(activity: Activity): ActivityFormValues {
  const start = new Date(activity.startsAt);
  return {
    organiserKey: null,
    communityId: activity.communityId,
    kind: activity.kind,
    title: activity.title,
    description: activity.description,
    pioneerRole: activity.pioneerRole,
    location: activity.location,
    date: dateValue(start),
    start: timeValue(start),
    end: timeValue(new Date(activity.endsAt)),
    capacity: String(activity.capacity),
    openToUnit: activity.audience === 'community_and_unit',
  };
}


/** 也向本单位党员开放: a checkbox of the app's look. */
function Toggle({ label, on, disabled, onChange }: { label: string; on: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className='act-form__toggle' onClick={disabled ? undefined : () => onChange(!on)} {...control('checkbox', { 'aria-checked': on })}>
      <Text className={`act-form__box${on ? ' act-form__box--on' : ''}`}>{on ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}

/** The community of a unit's activity: one of the communities it is paired with. */
function UnitCommunity({ unitId, value, error, disabled, onChange }: {
  unitId: string;
  value: string | null;
  error?: string;
  disabled: boolean;
  onChange: (id: string) => void;
}) {
  const unit = useRemote(() => getUnit(unitId), [unitId]);
  const paired = unit.state.kind === 'ready' ? unit.state.value.pairedCommunities : [];
  const only = paired.length === 1 ? paired[0] : undefined;
  // One pairing: that is where it is held.
  useEffect(() => {
    if (only && value !== only.id) onChange(only.id);
  }, [only, value, onChange]);

  let body: ReactNode;
  if (unit.state.kind === 'loading') body = <Text className='card__hint'>正在读取结对社区…</Text>;
  else if (unit.state.kind === 'failed') body = <Failed inline message={unit.state.message} onRetry={unit.retry} />;
  else if (paired.length === 0) body = <Text className='field__error'>本单位还没有结对社区，暂不能发布活动。请联系街道或区管理员设置结对。</Text>;
  else if (only) body = <WishRow label='举办社区' value={only.name} />;
  else {
    body = (
      <>
        <Text className='field__label'>举办社区（结对社区）</Text>
        <Chips label='举办社区' options={paired.map((c) => ({ value: c.id, label: c.name }))} value={value} disabled={disabled} onChange={onChange} />
      </>
    );
  }
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      {body}
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  );
}

interface FormProps {
  me: Me;
  /** Editing: the activity; its organiser, community and audience stay as they are. */
  editing: Activity | null;
}

function ActivityForm({ me, editing }: FormProps) {
  const choices = useMemo(() => organiserChoices(me), [me]);
  // A new activity restores what this user left unsent on this phone; an edit starts from the activity.
  const keptDraft = useFormDraft(activityDrafts, editing ? null : me.user.id);
  const draft = keptDraft.restored;
  const { values, setValues, change, errors, clear, refuse, formError, sending, send } = useForm<ActivityFormValues, ActivityField>(
    () => (editing ? valuesOf(editing) : startingValues(draft?.values, choices, new Date())),
    ACTIVITY_FIELDS,
    fieldId,
  );
  // One key per form, kept in the draft: a double tap or a retry never publishes it twice.
  const [idempotencyKey] = useState(() => draft?.idempotencyKey ?? newActivityKey());

  const choice = choices.find((c) => c.key === values.organiserKey);
  const unitId = choice?.organiser.kind === 'unit' ? choice.organiser.unitId : null;
  const communityId = editing ? editing.communityId : (choice?.community?.id ?? values.communityId);

  useEffect(() => {
    if (!editing) keptDraft.keep(isBlank(values) ? null : { values, idempotencyKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render
  }, [values]);

  const text = (field: 'title' | 'description' | 'location' | 'capacity') => (value: string) => change({ [field]: value }, [field]);
  const chooseCommunity = useCallback((id: string) => {
    setValues((current) => (current.communityId === id ? current : { ...current, communityId: id }));
    clear(['communityId']);
  }, [clear, setValues]);

  const start = instantOf(values.date, values.start);
  const end = instantOf(values.date, values.end);
  const minutes = start && end ? Math.round((end.getTime() - start.getTime()) / 60_000) : 0;

  const submit = () => {
    const now = new Date();
    const checked = editing ? checkActivityEdit(values, now) : checkNewActivity(values, choice, communityId, now);
    if (!checked.ok) return refuse(checked.errors, '请检查标红的内容');
    void send(async () => {
      if (editing) {
        const told = editing.signedUp + editing.waitlisted;
        const agreed =
          told === 0 ||
          (await confirmStep({ title: '保存修改', content: `保存后已报名和候补的 ${told} 人会收到活动变更通知。确定保存吗？`, confirmText: '保存' }));
        if (!agreed) return false;
        await updateActivity(editing.id, checked.data as Parameters<typeof updateActivity>[1]);
        toastDone('已保存');
        if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
        else Taro.redirectTo({ url: activityDetailUrl(editing.id) });
        return;
      }
      const activity = await createActivity(checked.data as Parameters<typeof createActivity>[0], idempotencyKey);
      keptDraft.done();
      toastDone('已发布');
      Taro.redirectTo({ url: activityDetailUrl(activity.id) });
    }, serverFieldErrors);
  };

  const unit = choice?.organiser.kind === 'unit';
  return (
    <Page className='wish-page'>
      <View className='card'>
        <Anchor field='organiser'>
          {editing ? (
            <WishRow label='组织者' value={editing.organiser.name} />
          ) : choices.length > 1 ? (
            <View className={`field${errors.organiser ? ' field--invalid' : ''}`}>
              <Text className='field__label'>组织者身份</Text>
              <Chips
                label='组织者身份'
                options={choices.map((c) => ({ value: c.key, label: c.label }))}
                value={values.organiserKey}
                disabled={sending}
                onChange={(key) => change({ organiserKey: key, communityId: null, openToUnit: false }, ['organiser', 'communityId', 'audience'])}
              />
              {errors.organiser && <Text className='field__error'>{errors.organiser}</Text>}
            </View>
          ) : (
            <View className={`field${errors.organiser ? ' field--invalid' : ''}`}>
              <WishRow label='组织者' value={choice?.label ?? ''} />
              {errors.organiser && <Text className='field__error'>{errors.organiser}</Text>}
            </View>
          )}
        </Anchor>
        <Anchor field='communityId'>
          {editing ? (
            <WishRow label='举办社区' value={editing.communityName} />
          ) : unitId ? (
            <UnitCommunity unitId={unitId} value={values.communityId} error={errors.communityId} disabled={sending} onChange={chooseCommunity} />
          ) : (
            choice?.community && <WishRow label='举办社区' value={choice.community.name} />
          )}
        </Anchor>
        {choice?.organiser.kind === 'team' && (
          <Text className='card__hint'>以志愿服务队名义发布，须为该队负责人。</Text>
        )}
      </View>

      <View className='card'>
        <Anchor field='kind'>
          <View className={`field${errors.kind ? ' field--invalid' : ''}`}>
            <Text className='field__label'>活动类型</Text>
            <Chips label='活动类型' options={KIND_OPTIONS} value={values.kind} disabled={sending} onChange={(kind) => change({ kind }, ['kind'])} />
            {errors.kind && <Text className='field__error'>{errors.kind}</Text>}
          </View>
        </Anchor>
        <Anchor field='title'>
          <FormField
            label='活动标题'
            name='title'
            value={values.title}
            placeholder='如：重阳节敬老义剪'
            maxlength={ACTIVITY_TITLE_MAX}
            error={errors.title}
            disabled={sending}
            onInput={text('title')}
            action={<Text className='act-form__count'>{`${Array.from(values.title).length}/${ACTIVITY_TITLE_MAX}`}</Text>}
          />
        </Anchor>
        <Anchor field='description'>
          <TextAreaField
            label='活动内容'
            name='description'
            value={values.description}
            placeholder='做什么、需要党员做什么、带什么、注意事项'
            maxlength={ACTIVITY_DESCRIPTION_MAX}
            error={errors.description}
            disabled={sending}
            onInput={text('description')}
          />
        </Anchor>
        <Anchor field='pioneerRole'>
          <View className='field'>
            <Text className='field__label'>先锋角色（选填）</Text>
            <Chips
              label='先锋角色'
              options={ROLE_OPTIONS}
              value={values.pioneerRole ?? NO_ROLE}
              disabled={sending}
              onChange={(role) => change({ pioneerRole: role === NO_ROLE ? null : (role as PioneerRole) }, ['pioneerRole'])}
            />
          </View>
        </Anchor>
      </View>

      <View className='card'>
        <Anchor field='location'>
          <FormField
            label='活动地点'
            name='location'
            value={values.location}
            placeholder='如：龙津社区党群服务中心二楼'
            maxlength={100}
            error={errors.location}
            disabled={sending}
            onInput={text('location')}
          />
        </Anchor>
        <Anchor field='startsAt'>
          <PickerField
            mode='date'
            label='活动日期'
            placeholder='选择日期'
            value={values.date}
            start={dateValue(new Date())}
            disabled={sending}
            onChange={(date) => change({ date }, ['startsAt', 'endsAt'])}
          />
          <View className='svc-times'>
            <HalfHourField
              label='开始时间'
              placeholder='开始'
              value={values.start}
              error={errors.startsAt}
              disabled={sending}
              onChange={(start) => change({ start }, ['startsAt', 'endsAt'])}
            />
            <HalfHourField
              label='结束时间'
              placeholder='结束'
              value={values.end}
              error={errors.endsAt}
              disabled={sending}
              onChange={(end) => change({ end }, ['startsAt', 'endsAt'])}
            />
          </View>
        </Anchor>
        <Anchor field='endsAt'>
          <Text className='card__hint'>
            {minutes > 0
              ? `活动 ${formatHours(minutes)}，开始前 ${CHECKIN_OPENS_BEFORE_MINUTES} 分钟开放签到，签到、签退间的时长按半小时计入服务时长`
              : `单次活动不超过 ${ACTIVITY_MAX_HOURS} 小时`}
          </Text>
        </Anchor>
        <Anchor field='capacity'>
          <FormField
            label='名额（人）'
            name='capacity'
            value={values.capacity}
            placeholder='最多可报名人数'
            maxlength={4}
            error={errors.capacity}
            hint={`1 至 ${ACTIVITY_CAPACITY_MAX} 人；报满后可以候补，有人取消时自动递补`}
            disabled={sending}
            onInput={text('capacity')}
          />
        </Anchor>
        {editing ? (
          <WishRow label='报名对象' value={ACTIVITY_AUDIENCE_LABELS[editing.audience]} />
        ) : (
          unit && (
            <Anchor field='audience'>
              <View className={`field${errors.audience ? ' field--invalid' : ''}`}>
                <Text className='field__label'>报名对象</Text>
                <Toggle
                  label='也向本单位党员开放'
                  on={values.openToUnit}
                  disabled={sending}
                  onChange={(openToUnit) => change({ openToUnit }, ['audience'])}
                />
                <Text className='field__hint'>{ACTIVITY_AUDIENCE_LABELS[values.openToUnit ? 'community_and_unit' : 'community']}可以报名</Text>
                {errors.audience && <Text className='field__error'>{errors.audience}</Text>}
              </View>
            </Anchor>
          )
        )}
      </View>

      <View className='wish-submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} onClick={submit}>
          {editing ? '保存修改' : '发布活动'}
        </ActionButton>
      </View>
    </Page>
  );
}

/** 发布活动 (organisers), or with `?id=` 修改活动 before it starts. */
export default function ActivityFormPage() {
  const id = useRouter().params.id;
  const { state, reload } = useMe();
  const editing = useRemote(id ? () => getActivity(id) : null, [id]);

  useEffect(() => {
    if (id) Taro.setNavigationBarTitle({ title: '修改活动' }).catch(() => undefined);
  }, [id]);

  const failed = state.kind === 'failed' ? { message: state.message, retry: reload } : id && editing.state.kind === 'failed' ? { message: editing.state.message, retry: editing.retry } : null;
  if (failed) {
    return (
      <Page className='wish-page'>
        <Failed message={failed.message} onRetry={failed.retry} />
      </Page>
    );
  }
  if (state.kind !== 'ready' || (id && editing.state.kind !== 'ready')) {
    return (
      <Page className='wish-page'>
        <Loading />
      </Page>
    );
  }
  const me = state.value;
  const activity = id && editing.state.kind === 'ready' ? editing.state.value : null;
  if (activity && !activityActionsFor(activity, new Date()).includes('edit')) {
    return (
      <Page className='wish-page'>
        <Empty text='活动已开始、已取消或您不是它的组织者，不能再修改。' />
      </Page>
    );
  }
  if (!activity && organiserChoices(me).length === 0) {
    return (
      <Page className='wish-page'>
        <Empty text='社区工作人员、志愿服务队负责人和结对单位的党组织管理员可以发布活动。' />
      </Page>
    );
  }
  return <ActivityForm me={me} editing={activity} />;
}
