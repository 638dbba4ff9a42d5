import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { createWishBodySchema, type Me, resubmitWishBodySchema, type Wish } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { pageWhileLoading } from '../../../components/LoadState';
import { WishContentFields, wishFieldId } from '../../../components/wish/WishContentFields';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { useForm } from '../../../hooks/useForm';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { getOrg } from '../../../services/orgs';
import { updateMe } from '../../../services/me';
import { HomeCommunity } from '../../me/HomeCommunity';
import { askToSubscribe, prefetchSubscribeTemplates } from '../../../services/subscribe';
import { createWish, getWish, newIdempotencyKey, resubmitWish } from '../../../services/wishes';
import { useDetail } from '../../../hooks/useDetail';
import { wishDetailUrl } from '../../../subpackages/wishes';
import { type Checked, checkForm, codeComplaint, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { type WishFormValues, wishDrafts } from './draft';
import { Page } from '../../../components/Page';
import { toastDone } from '../../../utils/toast';
import '../../../components/wish/wish.css';
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

/** What the server refused, by field: its 400 VALIDATION_FAILED, or a photo no longer there. */
const serverComplaints = (error: unknown): FieldErrors<Field> => ({ ...fieldErrorsOf(error, FIELDS), ...codeComplaint(error, { UPLOAD_NOT_FOUND: 'photoIds' }) });

const isEmpty = (values: WishFormValues, phone: string) =>
  !values.title && !values.description && !values.category && !values.pioneerRole &&
  !values.address && values.contactPhone === phone;

/** A checked form with the request that sends its body, or its complaints. */
function sendable<T, K extends string>(checked: Checked<T, K>, send: (body: T) => Promise<Wish>) {
  return checked.ok ? { ok: true as const, send: () => send(checked.data) } : checked;
}

/** A rejected wish as the form starts from when it is edited to be sent again. */
const valuesOf = (wish: Wish): WishFormValues => ({
  title: wish.title,
  description: wish.description,
  category: wish.category,
  pioneerRole: wish.pioneerRole,
  contactPhone: wish.contactPhone ?? '',
  address: wish.address ?? '',
});

/**
 * The form, once the user and their home community are known: a new wish, kept as a draft while
 * it is written; or (`resubmitting`) a rejected wish, edited as its reason asks and sent again.
 */
function WishForm({ me, communityId, resubmitting }: { me: Me; communityId: string; resubmitting?: Wish }) {
  const ownPhone = me.user.phone ?? '';
  // A draft left by this user on this phone, restored as it was (a new wish's only).
  const keptDraft = useFormDraft(wishDrafts, me.user.id);
  const draft = resubmitting ? null : keptDraft.restored;
  const { values, change, errors, show, clear, refuse, formError, sending, send } = useForm<WishFormValues, Field>(
    () =>
      (resubmitting && valuesOf(resubmitting)) ??
      draft?.values ?? {
        title: '',
        description: '',
        category: null,
        pioneerRole: null,
        contactPhone: ownPhone,
        address: '',
      },
    FIELDS,
    wishFieldId,
  );
  // One key per form, kept in the draft: a double tap or a retry never posts twice.
  const [idempotencyKey] = useState(() => draft?.idempotencyKey ?? newIdempotencyKey());
  const uploads = usePhotoUploads(resubmitting?.photos ?? draft?.photos ?? []);

  const community = useRemote(() => getOrg(communityId), [communityId]);
  useEffect(prefetchSubscribeTemplates, []);

  // The draft follows every change, so leaving the page (or WeChat closing it) loses nothing.
  const photos = uploads.photos;
  const photoKey = photos.map((p) => p.id).join(',');
  useEffect(() => {
    if (resubmitting) return;
    keptDraft.keep(isEmpty(values, ownPhone) && photos.length === 0 ? null : { values, photos, idempotencyKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; the photos change with their ids (photoKey)
  }, [values, ownPhone, photoKey]);

  // A photo added, removed or uploaded answers a complaint about the photos.
  useEffect(() => clear(['photoIds']), [clear, photoKey, uploads.items.length]);

  const edit =
    <K extends keyof WishFormValues>(field: K) =>
    (value: WishFormValues[K]) =>
      change({ [field]: value } as Partial<WishFormValues>, [field]);

  const submit = () => {
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) {
      show({ photoIds: '有照片上传失败，请点击重试或删除' });
      return;
    }
    const content = {
      title: values.title,
      description: values.description,
      category: values.category ?? undefined,
      pioneerRole: values.pioneerRole ?? undefined,
      contactPhone: values.contactPhone.trim(),
      address: values.address,
      photoIds: photos.length > 0 ? photos.map((p) => p.id) : undefined,
    };
    // The body checked as the server will, and how it is sent: a new wish, or the rejected one again.
    const checked = resubmitting
      ? sendable(checkForm(resubmitWishBodySchema, content), (body) => resubmitWish(resubmitting.id, { ...body, photoIds: photos.map((p) => p.id) }))
      : sendable(checkForm(createWishBodySchema, { communityId, ...content }), (body) => createWish(body, idempotencyKey));
    if (!checked.ok) {
      const found: FieldErrors<Field> = { ...checked.errors };
      // zod's message for a missing choice lists the codes; say what to do instead.
      if (!values.category) found.category = '请选择心愿类别';
      return refuse(found);
    }
    void send(async () => {
      // Asked at the tap, before sending (WeChat shows the panel only then); never in the way.
      await askToSubscribe('wish.posted');
      const wish = await checked.send();
      if (resubmitting) {
        toastDone('已重新提交，等待社区审核');
        // Back to the wish, which reads itself again on showing.
        Taro.navigateBack();
        return;
      }
      keptDraft.done();
      toastDone('已提交，等待社区审核');
      Taro.redirectTo({ url: wishDetailUrl(wish.id) });
    }, serverComplaints);
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
        {resubmitting?.rejectReason && <Text className='wish-detail__reason'>{`未通过原因：${resubmitting.rejectReason}。请按此修改后重新提交。`}</Text>}
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
          {resubmitting ? '重新提交审核' : '提交心愿'}
        </ActionButton>
      </View>
    </Page>
  );
}

/** 修改心愿 (`?resubmit=<id>`): the rejected wish, read, then the form filled with it. */
function ResubmitForm({ me, id }: { me: Me; id: string }) {
  const { state, load } = useDetail(id, getWish, '心愿');
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '修改心愿' }).catch(() => undefined);
  }, []);
  if (state.kind !== 'ready') return pageWhileLoading(state, () => void load(false));
  return <WishForm me={me} communityId={state.value.communityId} resubmitting={state.value} />;
}

/**
 * 发布微心愿: the resident's form, sent to the staff of their home community for review; with
 * `?resubmit=<id>`, their rejected wish edited and sent again.
 */
export default function NewWishPage() {
  const { state, reload, replace } = useMe();
  const resubmit = useRouter().params.resubmit;

  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  const me = state.value;
  if (resubmit) return <ResubmitForm me={me} id={resubmit} />;
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
