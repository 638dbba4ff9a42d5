import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { WishContentFields } from '../../../components/wish/WishContentFields';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { useFormDraft } from '../../../hooks/useFormDraft';
import type { ScopeChoice } from '../../../hooks/useScope';
import { ApiError } from '../../../services/api';
import { createWish, newIdempotencyKey } from '../../../services/wishes';
import { WISH_ROUTES, wishDetailUrl } from '../../../subpackages/wishes';
import { buttonAria } from '../../../utils/a11y';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import { type ProxyWishValues, proxyWishDrafts } from './draft';
import { checkProxyWish, isBlank, PROXY_FIELDS, type ProxyField } from './form';
import '../../../components/wish/wish.css';
import './index.css';

const EMPTY: ProxyWishValues = { name: '', phone: '', address: '', title: '', description: '', category: null, pioneerRole: null };

/** The form, in the community the staff member works for. */
function ProxyWishForm({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  // A form left half-typed in this community opens again as it was.
  const kept = useFormDraft(proxyWishDrafts, choice.draftOwner);
  const draft = kept.restored;
  const [values, setValues] = useState<ProxyWishValues>(() => draft?.values ?? EMPTY);
  // One key per form, kept in the draft: a double tap or a retry never posts twice.
  const [idempotencyKey] = useState(() => draft?.idempotencyKey ?? newIdempotencyKey());
  const uploads = usePhotoUploads(draft?.photos ?? []);
  const [errors, setErrors] = useState<FieldErrors<ProxyField>>({});
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const running = useRef(false);

  const photos = uploads.photos;
  const photoKey = photos.map((p) => p.id).join(',');
  useEffect(() => {
    kept.keep(isBlank(values) && photos.length === 0 ? null : { values, photos, idempotencyKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; the photos change with their ids (photoKey)
  }, [values, photoKey]);
  useEffect(() => {
    setErrors((current) => (current.photoIds ? { ...current, photoIds: undefined } : current));
  }, [photoKey, uploads.items.length]);

  const edit =
    <K extends keyof ProxyWishValues>(field: K) =>
    (value: ProxyWishValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => ({ ...current, [field]: undefined }));
      setFormError('');
    };

  const submit = async () => {
    if (running.current) return;
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) {
      setErrors({ photoIds: '有照片上传失败，请点击重试或删除' });
      return;
    }
    const checked = checkProxyWish(
      community.id,
      values,
      photos.map((p) => p.id),
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      Taro.showToast({ title: '请检查填写的内容', icon: 'none' });
      return;
    }
    running.current = true;
    setSending(true);
    setFormError('');
    try {
      const wish = await createWish(checked.data, idempotencyKey);
      kept.done();
      toastDone('已提交，请审核');
      Taro.redirectTo({ url: wishDetailUrl(wish.id) });
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error, PROXY_FIELDS);
      if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
      else if (error instanceof ApiError && error.code === 'UPLOAD_NOT_FOUND') setErrors({ photoIds: error.message });
      else setFormError(messageOf(error, '提交失败，请稍后重试'));
      running.current = false;
      setSending(false);
    }
  };

  const cancel = async () => {
    const typed = !isBlank(values) || photos.length > 0;
    if (await kept.giveUp(typed, { title: '放弃代办', content: '填写的内容将不再保留。确定放弃吗？', confirmText: '放弃' })) {
      Taro.navigateBack().catch(() => undefined);
    }
  };

  return (
    <View>
      <ScopeSwitch choice={choice} />
      <View className='card'>
        <View className='wish-row'>
          <Text className='wish-row__label'>代办社区</Text>
          <Text className='wish-row__value proxy-wish__community'>{community.name}</Text>
        </View>
        <Text className='card__hint proxy-wish__note'>
          为没有智能手机的居民代为发布心愿。提交后进入本社区的审核队列，与居民自己发布的心愿一样审核、认领和办理。
        </Text>
      </View>

      <View className='card'>
        <Text className='card__title'>居民信息</Text>
        <FormField
          label='居民姓名'
          name='name'
          kind='name'
          value={values.name}
          placeholder='居民的真实姓名'
          maxlength={30}
          error={errors.name}
          disabled={sending}
          onInput={edit('name')}
        />
        <FormField
          label='居民电话'
          name='phone'
          kind='phone'
          value={values.phone}
          placeholder='居民本人或家属的手机号'
          maxlength={11}
          error={errors.phone}
          disabled={sending}
          onInput={edit('phone')}
        />
        <FormField
          label='居民地址'
          name='address'
          value={values.address}
          placeholder='小区、楼栋、门牌号'
          maxlength={120}
          error={errors.address}
          disabled={sending}
          onInput={edit('address')}
        />
        <View className='proxy-wish__privacy'>
          <Text className='proxy-wish__privacy-title'>隐私与代办说明</Text>
          <Text className='proxy-wish__privacy-text'>
            居民的电话和地址不公开，只有认领的党员和本社区工作人员能看到。
          </Text>
          <Text className='proxy-wish__privacy-text'>
            心愿办好后，由社区工作人员电话回访居民，代居民确认并评价；居民要撤回，也由工作人员代为办理。
          </Text>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>心愿内容</Text>
        <WishContentFields values={values} errors={errors} edit={edit} uploads={uploads} disabled={sending} whose='resident' />
      </View>

      <View className='wish-submit proxy-wish__submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} disabled={uploads.uploading} onClick={submit}>
          提交代办心愿
        </ActionButton>
        <View className='proxy-wish__links'>
          <Text className='link' onClick={cancel} {...buttonAria()}>
            放弃
          </Text>
          <Text className='link' onClick={() => void Taro.navigateTo({ url: WISH_ROUTES.review })} {...buttonAria()}>
            审核队列 ›
          </Text>
        </View>
      </View>
    </View>
  );
}

/** 代办心愿 (community staff): a wish posted for a resident without a smartphone. */
export default function ProxyWishPage() {
  return (
    <RolePage role='community_staff' className='wish-page' refused='只有社区工作人员可以代居民发布心愿。'>
      {(choice) => <ProxyWishForm key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
