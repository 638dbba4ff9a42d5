import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import {
  type Me,
  OPINION_CATEGORIES,
  OPINION_CATEGORY_LABELS,
  OPINION_DESCRIPTION_MAX,
  OPINION_PHOTOS_MAX,
  OPINION_SOURCE_LABELS,
  OPINION_SOURCES,
  OPINION_TITLE_MAX,
  type OpinionSource,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { pageWhileLoading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { Chips } from '../../../components/wish/Chips';
import { PhotoPicker } from '../../../components/wish/PhotoPicker';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { decodeParam } from '../../../components/reporting/navigation';
import { useForm } from '../../../hooks/useForm';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import type { Scope } from '../../../hooks/useScope';
import { openPage, ROUTES } from '../../../routes';
import { createOpinion, newOpinionKey } from '../../../services/opinions';
import { getOrg } from '../../../services/orgs';
import { opinionDetailUrl } from '../../../subpackages/opinions';
import { buttonAria } from '../../../utils/a11y';
import { toastDone } from '../../../utils/toast';
import { collectingCommunities } from '../viewer';
import { EMPTY_OPINION, isBlank, type OpinionFormValues, opinionDrafts } from './draft';
import { checkOpinion, fieldId, OPINION_FIELDS, type OpinionField, serverFieldErrors } from './form';
import { PlacePicker } from './PlacePicker';
import '../../../components/wish/wish.css';
import '../opinion.css';

const CATEGORY_OPTIONS = OPINION_CATEGORIES.map((value) => ({ value, label: OPINION_CATEGORY_LABELS[value] }));
const SOURCE_OPTIONS = OPINION_SOURCES.map((value) => ({ value, label: OPINION_SOURCE_LABELS[value] }));

/** Where the field stands on the page, for scrolling to its error. */
function Anchor({ field, children }: { field: OpinionField; children: ReactNode }) {
  return <View id={fieldId(field)}>{children}</View>;
}

/** A logged source the page was opened for (`?source=collected` from 记录民情), for a worker only. */
function askedSource(param: string | undefined, collecting: boolean): OpinionSource | null {
  const source = OPINION_SOURCES.find((value) => value === decodeParam(param));
  return collecting && source && source !== 'self' ? source : null;
}

/** The values to start from: the kept draft (still within what the user may do), else a blank form. */
function startingValues(kept: OpinionFormValues | undefined, me: Me, collecting: Scope[], asked: OpinionSource | null): OpinionFormValues {
  const firstPlace = collecting[0]?.id ?? null;
  if (kept) {
    const logs = kept.source !== 'self' && collecting.length > 0;
    const place = collecting.some((scope) => scope.id === kept.collectCommunityId) ? kept.collectCommunityId : firstPlace;
    return { ...kept, source: logs ? kept.source : 'self', collectCommunityId: place };
  }
  const source = asked ?? (me.user.homeCommunityId || collecting.length === 0 ? 'self' : 'collected');
  return { ...EMPTY_OPINION, source, collectCommunityId: firstPlace };
}

/** The form, once the user is known. */
function OpinionForm({ me, collecting }: { me: Me; collecting: Scope[] }) {
  const homeId = me.user.homeCommunityId;
  const asked = askedSource(useRouter().params.source, collecting.length > 0);
  // A draft left by this user on this phone, restored as it was.
  const keptDraft = useFormDraft(opinionDrafts, me.user.id);
  const draft = keptDraft.restored;
  const { values, change: setFields, errors, show, clear, refuse, formError, sending, send } = useForm<OpinionFormValues, OpinionField>(
    () => startingValues(draft?.values, me, collecting, asked),
    OPINION_FIELDS,
    fieldId,
  );
  // One key per form, kept in the draft: a double tap or a retry never raises it twice.
  const [idempotencyKey] = useState(() => draft?.idempotencyKey ?? newOpinionKey());
  const uploads = usePhotoUploads(draft?.photos ?? [], OPINION_PHOTOS_MAX);

  const own = values.source === 'self';
  const communityId = own ? homeId : values.collectCommunityId;
  const home = useRemote(homeId ? () => getOrg(homeId) : null, [homeId]);

  const photos = uploads.photos;
  const photoKey = photos.map((p) => p.id).join(',');
  useEffect(() => {
    keptDraft.keep(isBlank(values) && photos.length === 0 ? null : { values, photos, idempotencyKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; the photos change with their ids (photoKey)
  }, [values, photoKey]);

  // A photo added, removed or uploaded answers a complaint about the photos.
  useEffect(() => {
    clear(['photoIds']);
  }, [clear, photoKey, uploads.items.length]);

  const change = (patch: Partial<OpinionFormValues>, fields: OpinionField[]) =>
    setFields((current) => {
      const next = { ...current, ...patch };
      // Another community: the 小区 and 楼栋 chosen were of the last one.
      const before = current.source === 'self' ? homeId : current.collectCommunityId;
      const after = next.source === 'self' ? homeId : next.collectCommunityId;
      return before === after ? next : { ...next, compoundId: null, buildingId: null };
    }, fields);
  const text = (field: 'title' | 'description' | 'contactPhone' | 'raisedByName' | 'raisedByPhone') => (value: string) =>
    change({ [field]: value }, [field]);

  const submit = () => {
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) {
      show({ photoIds: '有照片上传失败，请点击重试或删除' });
      return;
    }
    const checked = checkOpinion(
      values,
      communityId,
      photos.map((p) => p.id),
    );
    if (!checked.ok) return refuse(checked.errors);
    void send(async () => {
      const opinion = await createOpinion(checked.data, idempotencyKey);
      keptDraft.done();
      toastDone(own ? '已提交' : '已记入搜集本');
      Taro.redirectTo({ url: opinionDetailUrl(opinion.id) });
    }, serverFieldErrors);
  };

  const homeName = home.state.kind === 'ready' ? home.state.value.name : home.state.kind === 'failed' ? '（名称加载失败）' : '…';
  const logged = collecting.find((scope) => scope.id === values.collectCommunityId);

  return (
    <Page className='wish-page'>
      {collecting.length > 0 && (
        <View className='card'>
          <Anchor field='source'>
            <View className='field'>
              <Text className='field__label'>来源</Text>
              <Chips
                label='来源'
                options={SOURCE_OPTIONS}
                value={values.source}
                disabled={sending}
                onChange={(source) => change({ source }, ['source', 'communityId', 'raisedByName', 'raisedByPhone', 'contactPhone'])}
              />
              <Text className='field__hint'>
                {own ? '您自己遇到的问题' : '走访中听到的、意见箱里收到的，记入社情民意搜集本，计入您的民情收集数'}
              </Text>
            </View>
          </Anchor>
          {!own && (
            <>
              <Anchor field='raisedByName'>
                <FormField
                  label='反映人姓名'
                  name='raisedByName'
                  kind='name'
                  value={values.raisedByName}
                  placeholder={values.source === 'mailbox' ? '意见上的署名，未署名可填「匿名」' : '向您反映问题的居民'}
                  maxlength={30}
                  error={errors.raisedByName}
                  disabled={sending}
                  onInput={text('raisedByName')}
                />
              </Anchor>
              <Anchor field='raisedByPhone'>
                <FormField
                  label='反映人电话（选填）'
                  name='raisedByPhone'
                  kind='phone'
                  value={values.raisedByPhone}
                  placeholder='方便办理人员回访'
                  maxlength={11}
                  hint='仅社区工作人员和上级可见'
                  error={errors.raisedByPhone}
                  disabled={sending}
                  onInput={text('raisedByPhone')}
                />
              </Anchor>
            </>
          )}
        </View>
      )}

      <View className='card'>
        <Anchor field='communityId'>
          <View className={`field${errors.communityId ? ' field--invalid' : ''}`}>
            {own ? (
              homeId ? (
                <View className='wish-row'>
                  <Text className='wish-row__label'>反映社区</Text>
                  <Text className='wish-row__value opinion-new__community'>{homeName}</Text>
                </View>
              ) : (
                <View className='wish-row' onClick={() => openPage(ROUTES.me)} {...buttonAria()}>
                  <Text className='wish-row__label'>反映社区</Text>
                  <Text className='wish-row__value link'>去「我的」设置所在社区 ›</Text>
                </View>
              )
            ) : collecting.length > 1 ? (
              <>
                <Text className='field__label'>记入社区</Text>
                <Chips
                  label='记入社区'
                  options={collecting.map((scope) => ({ value: scope.id, label: scope.name }))}
                  value={values.collectCommunityId}
                  disabled={sending}
                  onChange={(id) => change({ collectCommunityId: id }, ['communityId'])}
                />
              </>
            ) : (
              <View className='wish-row'>
                <Text className='wish-row__label'>记入社区</Text>
                <Text className='wish-row__value opinion-new__community'>{logged?.name ?? ''}</Text>
              </View>
            )}
            {errors.communityId && <Text className='field__error'>{errors.communityId}</Text>}
          </View>
        </Anchor>
        {communityId && (
          <Anchor field='placeId'>
            <PlacePicker
              communityId={communityId}
              compoundId={values.compoundId}
              buildingId={values.buildingId}
              disabled={sending}
              onChange={(compoundId, buildingId) => change({ compoundId, buildingId }, ['placeId'])}
            />
            {errors.placeId && <Text className='field__error'>{errors.placeId}</Text>}
          </Anchor>
        )}
        <Text className='card__hint opinion-new__note'>
          先由网格党支部和社区办理，解决不了的逐级上报街道和党代表。办结后请您评价，不满意可退回重新办理一次。
        </Text>
      </View>

      <View className='card'>
        <Anchor field='category'>
          <View className={`field${errors.category ? ' field--invalid' : ''}`}>
            <Text className='field__label'>问题类别</Text>
            <Chips
              label='问题类别'
              options={CATEGORY_OPTIONS}
              value={values.category}
              disabled={sending}
              onChange={(category) => change({ category }, ['category'])}
            />
            {errors.category && <Text className='field__error'>{errors.category}</Text>}
          </View>
        </Anchor>
        <Anchor field='title'>
          <FormField
            label='问题标题'
            name='title'
            value={values.title}
            placeholder='一句话说明问题，如：3 栋门口下雨积水'
            maxlength={OPINION_TITLE_MAX}
            error={errors.title}
            disabled={sending}
            onInput={text('title')}
            counted
          />
        </Anchor>
        <Anchor field='description'>
          <TextAreaField
            label='具体情况'
            name='description'
            value={values.description}
            placeholder='在哪里、什么问题、持续多久、影响了谁'
            maxlength={OPINION_DESCRIPTION_MAX}
            error={errors.description}
            disabled={sending}
            onInput={text('description')}
          />
        </Anchor>
        <Anchor field='photoIds'>
          <PhotoPicker label='照片（选填）' uploads={uploads} disabled={sending} error={errors.photoIds} />
        </Anchor>
      </View>

      {own && (
        <View className='card'>
          <Anchor field='contactPhone'>
            <FormField
              label='联系电话（选填）'
              name='contactPhone'
              kind='phone'
              value={values.contactPhone}
              placeholder='方便办理人员联系您'
              maxlength={11}
              hint='仅办理人员可见，不会公开'
              error={errors.contactPhone}
              disabled={sending}
              onInput={text('contactPhone')}
            />
          </Anchor>
        </View>
      )}

      <View className='wish-submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} disabled={uploads.uploading} onClick={submit}>
          {own ? '提交' : '记入搜集本'}
        </ActionButton>
      </View>
    </Page>
  );
}

/**
 * 反映民情: a resident's or member's problem for their home community, or (for community staff and
 * reported members) one they collected, logged with the person it came from (社情民意搜集本).
 */
export default function RaiseOpinionPage() {
  const { state, reload } = useMe();

  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  const me = state.value;
  const collecting = collectingCommunities(me);
  if (!me.user.homeCommunityId && collecting.length === 0) {
    return (
      <Page className='wish-page'>
        <View className='state'>
          <Text className='state__text'>民情会发给您所在社区办理，请先设置所在社区。</Text>
          <View className='wish-state-link' onClick={() => openPage(ROUTES.me)} {...buttonAria()}>
            <Text className='link'>去「我的」设置所在社区 ›</Text>
          </View>
        </View>
      </Page>
    );
  }
  return <OpinionForm me={me} collecting={collecting} />;
}
