import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { createWishBodySchema, type Me } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { pageWhileLoading } from '../../../components/LoadState';
import { WishContentFields, wishFieldId } from '../../../components/wish/WishContentFields';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { ApiError } from '../../../services/api';
import { getOrg } from '../../../services/orgs';
import { updateMe } from '../../../services/me';
import { HomeCommunity } from '../../me/HomeCommunity';
import { askToSubscribe, prefetchSubscribeTemplates } from '../../../services/subscribe';
import { createWish, newIdempotencyKey } from '../../../services/wishes';
import { wishDetailUrl } from '../../../subpackages/wishes';
import { checkForm, type FieldErrors, fieldErrorsOf, messageOf } from '../../../utils/form';
import { type WishFormValues, wishDrafts } from './draft';
import { Page } from '../../../components/Page';
import { toastDone } from '../../../utils/toast';
import '../wish.css';

type Field = keyof WishFormValues | 'photoIds';
const FIELDS: readonly Field[] = [
  'title',
  'description',
  'category',
  'pioneerRole',
  'contactPhone',
  'address',
  'photoIds',
];

const isEmpty = (values: WishFormValues, phone: string) =>
  !values.title && !values.description && !values.category && !values.pioneerRole &&
  !values.address && values.contactPhone === phone;

/** The form, once the user and their home community are known. */
function WishForm({ me, communityId }: { me: Me; communityId: string }) {
  const ownPhone = me.user.phone ?? '';
  // A draft left by this user on this phone, restored as it was.
  const keptDraft = useFormDraft(wishDrafts, me.user.id);
  const draft = keptDraft.restored;
  const [values, setValues] = useState<WishFormValues>(
    () =>
      draft?.values ?? {
        title: '',
        description: '',
        category: null,
        pioneerRole: null,
        contactPhone: ownPhone,
        address: '',
      },
  );
  // One key per form, kept in the draft: a double tap or a retry never posts twice.
  const [idempotencyKey] = useState(() => draft?.idempotencyKey ?? newIdempotencyKey());
  const uploads = usePhotoUploads(draft?.photos ?? []);
  const { errors, show, clear } = useFieldErrors(FIELDS, wishFieldId);
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const running = useRef(false);

  const community = useRemote(() => getOrg(communityId), [communityId]);
  useEffect(prefetchSubscribeTemplates, []);

  // The draft follows every change, so leaving the page (or WeChat closing it) loses nothing.
  const photos = uploads.photos;
  const photoKey = photos.map((p) => p.id).join(',');
  useEffect(() => {
    keptDraft.keep(isEmpty(values, ownPhone) && photos.length === 0 ? null : { values, photos, idempotencyKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; the photos change with their ids (photoKey)
  }, [values, ownPhone, photoKey]);

  // A photo added, removed or uploaded answers a complaint about the photos.
  useEffect(() => clear(['photoIds']), [clear, photoKey, uploads.items.length]);

  const edit =
    <K extends keyof WishFormValues>(field: K) =>
    (value: WishFormValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      clear([field]);
      setFormError('');
    };

  const submit = async () => {
    if (running.current) return;
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) {
      show({ photoIds: '有照片上传失败，请点击重试或删除' });
      return;
    }
    const checked = checkForm(createWishBodySchema, {
      communityId,
      title: values.title,
      description: values.description,
      category: values.category ?? undefined,
      pioneerRole: values.pioneerRole ?? undefined,
      contactPhone: values.contactPhone.trim(),
      address: values.address,
      photoIds: photos.length > 0 ? photos.map((p) => p.id) : undefined,
    });
    if (!checked.ok) {
      const found: FieldErrors<Field> = { ...checked.errors };
      // zod's message for a missing choice lists the codes; say what to do instead.
      if (!values.category) found.category = '请选择心愿类别';
      show(found);
      Taro.showToast({ title: '请检查填写的内容', icon: 'none' });
      return;
    }
    running.current = true;
    // Asked at the tap, before sending (WeChat shows the panel only then); never in the way.
    await askToSubscribe('wish.posted');
    setSending(true);
    setFormError('');
    try {
      const wish = await createWish(checked.data, idempotencyKey);
      keptDraft.done();
      toastDone('已提交，等待社区审核');
      Taro.redirectTo({ url: wishDetailUrl(wish.id) });
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error, FIELDS);
      if (Object.keys(fieldErrors).length > 0) show(fieldErrors);
      else if (error instanceof ApiError && error.code === 'UPLOAD_NOT_FOUND') {
        show({ photoIds: error.message });
      } else setFormError(messageOf(error, '提交失败，请稍后重试'));
      running.current = false;
      setSending(false);
    }
  };

  const communityName =
    community.state.kind === 'ready' ? community.state.value.name : community.state.kind === 'failed' ? '（名称加载失败）' : '…';

  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-row'>
          <Text className='wish-row__label'>发往社区</Text>
          <Text className='wish-row__value wish-new__community'>{communityName}</Text>
        </View>
        <Text className='card__hint wish-new__note'>
          社区工作人员审核通过后，心愿会在社区心愿大厅公开，由在职党员认领。您的电话和地址只有认领的党员和社区工作人员能看到。
        </Text>
      </View>

      <View className='card'>
        <WishContentFields values={values} errors={errors} edit={edit} uploads={uploads} disabled={sending} whose='own' />
      </View>

      <View className='card'>
        <Text className='card__title'>联系方式</Text>
        <View id={wishFieldId('contactPhone')}>
          <FormField
            label='联系电话'
            name='contactPhone'
            kind='phone'
            value={values.contactPhone}
            placeholder='请输入手机号'
            maxlength={11}
            error={errors.contactPhone}
            disabled={sending}
            onInput={edit('contactPhone')}
          />
        </View>
        <View id={wishFieldId('address')}>
          <FormField
            label='地址'
            name='address'
            value={values.address}
            placeholder='小区、楼栋、门牌号'
            maxlength={120}
            error={errors.address}
            disabled={sending}
            onInput={edit('address')}
          />
        </View>
      </View>

      <View className='wish-submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} disabled={uploads.uploading} onClick={submit}>
          提交心愿
        </ActionButton>
      </View>
    </Page>
  );
}

/** 发布微心愿: the resident's form, sent to the staff of their home community for review. */
export default function NewWishPage() {
  const { state, reload, replace } = useMe();

  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  const me = state.value;
  if (!me.user.homeCommunityId) {
    // Chosen here, not in 我的: once saved, the form opens in its place.
    return (
      <Page className='wish-page'>
        <View className='card'>
          <Text className='card__hint'>心愿会发给您所在社区的工作人员审核。请先选择您居住的社区：</Text>
        </View>
        <HomeCommunity communityId={null} onSave={async (body) => replace(await updateMe(body))} />
      </Page>
    );
  }
  return <WishForm me={me} communityId={me.user.homeCommunityId} />;
}
