import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { createPostBodySchema, PIONEER_ROLE_LABELS, PIONEER_ROLES, type Post } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { dateValue } from '../../../components/service/format';
import { PickerField } from '../../../components/service/PickerField';
import { Chips } from '../../../components/wish/Chips';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { createPost } from '../../../services/posts';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { postDrafts, type PostFormValues } from './draft';

const ROLE_OPTIONS = PIONEER_ROLES.map((value) => ({ value, label: PIONEER_ROLE_LABELS[value] }));
type Field = 'title' | 'description' | 'pioneerRole' | 'capacity' | 'schedule' | 'location' | 'startsOn' | 'endsOn';
const FIELDS: readonly Field[] = ['title', 'description', 'pioneerRole', 'capacity', 'schedule', 'location', 'startsOn', 'endsOn'];

function inAYear(from: Date): string {
  return dateValue(new Date(from.getFullYear() + 1, from.getMonth(), from.getDate()));
}

function blankPost(now: Date): PostFormValues {
  return { title: '', description: '', pioneerRole: null, capacity: '3', schedule: '', location: '', startsOn: dateValue(now), endsOn: inAYear(now) };
}

/** Nothing typed or chosen: the seats and dates alone are not worth keeping. */
const isBlank = (v: PostFormValues) =>
  !v.title.trim() && !v.description.trim() && !v.schedule.trim() && !v.location.trim() && v.pioneerRole === null;

interface PostFormProps {
  communityId: string;
  /** Whose unpublished post this is (`ScopeChoice.draftOwner`): kept on the phone until published. */
  draftOwner: string;
  onDone: (post: Post) => void;
  onCancel: () => void;
}

/** 定岗: a new post of the community, checked by the schema the server uses. */
export function PostForm({ communityId, draftOwner, onDone, onCancel }: PostFormProps) {
  const draft = useFormDraft(postDrafts, draftOwner);
  const [values, setValues] = useState(() => draft.restored ?? blankPost(new Date()));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; what is kept is `values`
  useEffect(() => draft.keep(isBlank(values) ? null : values), [values]);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { busy, run } = useAction();
  const sending = busy !== null;
  const set = <K extends Field>(key: K) => (value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const capacity = /^\d+$/.test(values.capacity.trim()) ? Number(values.capacity.trim()) : Number.NaN;
    const checked = checkForm(createPostBodySchema, {
      ...values,
      communityId,
      pioneerRole: values.pioneerRole ?? undefined,
      capacity,
    });
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        pioneerRole: checked.errors.pioneerRole && '请选择先锋角色',
        capacity: checked.errors.capacity && (Number.isNaN(capacity) ? '请输入名额数' : checked.errors.capacity),
      });
      Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    const send = () =>
      createPost(checked.data).catch((error: unknown) => {
        setErrors(fieldErrorsOf(error, FIELDS));
        throw error;
      });
    const post = await run('send', send, { done: '已发布' });
    if (!post) return;
    draft.done();
    onDone(post);
  };

  const cancel = async () => {
    if (await draft.giveUp(!isBlank(values), { title: '放弃发布', content: '填写的岗位内容将不再保留。确定放弃吗？', confirmText: '放弃' })) onCancel();
  };

  return (
    <View className='card'>
      <Text className='card__title'>发布服务岗位</Text>
      <FormField label='岗位名称' name='title' value={values.title} placeholder='例如：楼道文明监督岗' maxlength={40} error={errors.title} disabled={sending} onInput={set('title')} />
      <TextAreaField label='岗位职责' name='description' value={values.description} placeholder='做什么、怎么做、要求' maxlength={1000} error={errors.description} disabled={sending} onInput={set('description')} />
      <View className={`field${errors.pioneerRole ? ' field--invalid' : ''}`}>
        <Text className='field__label'>先锋角色</Text>
        <Chips label='先锋角色' options={ROLE_OPTIONS} value={values.pioneerRole} onChange={set('pioneerRole')} disabled={sending} />
        {errors.pioneerRole && <Text className='field__error'>{errors.pioneerRole}</Text>}
      </View>
      <FormField label='名额' name='capacity' value={values.capacity} placeholder='可认领的人数' maxlength={3} error={errors.capacity} disabled={sending} onInput={set('capacity')} />
      <FormField label='服务时间' name='schedule' value={values.schedule} placeholder='例如：每周六 9:00-11:00' maxlength={100} error={errors.schedule} disabled={sending} onInput={set('schedule')} />
      <FormField label='服务地点' name='location' value={values.location} placeholder='例如：阳光花园' maxlength={100} error={errors.location} disabled={sending} onInput={set('location')} />
      <View className='svc-times'>
        <PickerField mode='date' label='开始日期' placeholder='选择' value={values.startsOn} error={errors.startsOn} disabled={sending} onChange={set('startsOn')} />
        <PickerField mode='date' label='结束日期' placeholder='选择' value={values.endsOn} start={values.startsOn} error={errors.endsOn} disabled={sending} onChange={set('endsOn')} />
      </View>
      <View className='svc-actions'>
        <ActionButton variant='quiet' small disabled={sending} onClick={cancel}>取消</ActionButton>
        <ActionButton small busy={sending} onClick={submit}>发布岗位</ActionButton>
      </View>
    </View>
  );
}
