import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import {
  countedMinutes,
  createRecordBodySchema,
  RECORD_SOURCE_LABELS,
  recordMachine,
  type RecordSourceType,
  type ServiceRecord,
  sessionProblems,
  updateRecordBodySchema,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Failed, Loading } from '../../../components/LoadState';
import { ReportFirst } from '../../../components/ScopedPage';
import { dateValue, describeSource, formatHours, instantOf, timeValue } from '../../../components/service/format';
import { HalfHourField } from '../../../components/service/HalfHourField';
import { PickerField } from '../../../components/service/PickerField';
import { PhotoPicker } from '../../../components/wish/PhotoPicker';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { showActionFailure } from '../../../hooks/useAction';
import { useFormDraft } from '../../../hooks/useFormDraft';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { NOT_REPORTED_TEXT, reportedCommunity } from '../../../hooks/useScope';
import { getRecord, editRecord, logRecord } from '../../../services/records';
import { SERVICE_ROUTES } from '../../../subpackages/service';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import { recordDrafts, sourceKey } from './draft';
import { loadSources, type SourceOption } from './sources';
import { Page } from '../../../components/Page';
import { toastDone } from '../../../utils/toast';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

const RECORD_PHOTOS_MAX = 6;
type Field = 'source' | 'date' | 'start' | 'end' | 'content' | 'beneficiary' | 'photoIds';
const FIELDS: readonly Field[] = ['source', 'date', 'start', 'end', 'content', 'beneficiary', 'photoIds'];

interface Times {
  date: string;
  start: string;
  end: string;
}

/** A new form starts on the last two whole hours before now (yesterday's morning just after midnight). */
function defaultTimes(now: Date): Times {
  const end = new Date(now);
  end.setMinutes(end.getMinutes() < 30 ? 0 : 30, 0, 0);
  const start = new Date(end.getTime() - 2 * 60 * 60_000);
  if (dateValue(start) !== dateValue(end)) {
    const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    return { date: dateValue(yesterday), start: '09:00', end: '11:00' };
  }
  return { date: dateValue(end), start: timeValue(start), end: timeValue(end) };
}

function timesOf(record: ServiceRecord): Times {
  const start = new Date(record.startedAt);
  return { date: dateValue(start), start: timeValue(start), end: timeValue(new Date(record.endedAt)) };
}

/** The session's instants and what is wrong with it, checked as the member types. */
function checkSession(times: Times, now: Date): { startedAt?: string; endedAt?: string; minutes: number; problem?: string } {
  const start = instantOf(times.date, times.start);
  const end = instantOf(times.date, times.end);
  if (!start || !end) return { minutes: 0, problem: '请选择服务日期和时间' };
  const startedAt = start.toISOString();
  const endedAt = end.toISOString();
  const minutes = Math.max(0, countedMinutes(start, end));
  const problem = sessionProblems(startedAt, endedAt)[0]?.message;
  if (problem) return { startedAt, endedAt, minutes, problem };
  if (end.getTime() > now.getTime()) return { startedAt, endedAt, minutes, problem: '结束时间不能晚于现在' };
  return { startedAt, endedAt, minutes };
}

interface FormProps {
  userId: string;
  /** Editing: the record; its source stays as it was. */
  record: ServiceRecord | null;
  sources: SourceOption[];
  preset: { type?: string; id?: string };
}

function RecordForm({ userId, record, sources, preset }: FormProps) {
  // A new record restores what this user left unsent; a source asked for in the url wins.
  const keptDraft = useFormDraft(recordDrafts, record ? null : userId);
  const draft = keptDraft.restored;
  const [sourceIndex, setSourceIndex] = useState(() => {
    const wanted = preset.type ? sourceKey({ type: preset.type, id: preset.id }) : (draft?.source ?? '');
    return sources.findIndex((s) => sourceKey(s) === wanted);
  });
  const [times, setTimes] = useState<Times>(() => (record ? timesOf(record) : (draft?.times ?? defaultTimes(new Date()))));
  const [content, setContent] = useState(record?.content ?? draft?.content ?? '');
  const [beneficiary, setBeneficiary] = useState(record?.beneficiary ?? draft?.beneficiary ?? '');
  const uploads = usePhotoUploads(draft?.photos ?? [], RECORD_PHOTOS_MAX);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [sending, setSending] = useState(false);
  const running = useRef(false);
  const leaving = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(leaving.current), []);

  // The draft follows every change of a new record, so leaving the page loses nothing typed.
  const photoKey = uploads.photos.map((p) => p.id).join(',');
  const chosenSource = sourceKey(sources[sourceIndex]);
  useEffect(() => {
    const blank = !content.trim() && !beneficiary.trim() && !photoKey;
    keptDraft.keep(blank ? null : { source: chosenSource, times, content, beneficiary, photos: uploads.photos });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render; the photos change with their ids (photoKey)
  }, [chosenSource, times, content, beneficiary, photoKey]);

  const session = checkSession(times, new Date());
  const today = dateValue(new Date());
  const setTime = (key: keyof Times) => (value: string) => {
    setTimes((t) => ({ ...t, [key]: value }));
    setErrors((e) => ({ ...e, date: undefined, start: undefined, end: undefined }));
  };

  const submit = async () => {
    if (running.current) return;
    const source = sources[sourceIndex];
    const found: FieldErrors<Field> = {};
    if (!record && !source) found.source = '请选择服务对应的岗位、心愿或结对';
    if (session.problem) found.end = session.problem;
    if (uploads.uploading) found.photoIds = '照片还在上传，请稍候';
    if (uploads.failed) found.photoIds = '有照片上传失败，请重试或删除';
    const values = {
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      content,
      beneficiary: beneficiary.trim() || undefined,
    };
    const checked = record
      ? checkForm(updateRecordBodySchema, values)
      : checkForm(createRecordBodySchema, {
          ...values,
          source: source ? { type: source.type, id: source.id } : undefined,
          photoIds: uploads.photos.length > 0 ? uploads.photos.map((p) => p.id) : undefined,
        });
    if (!checked.ok) {
      const invalid = checked.errors as FieldErrors<Field | 'startedAt' | 'endedAt'>;
      found.source ??= invalid.source;
      found.end ??= invalid.endedAt ?? invalid.startedAt;
      found.content ??= invalid.content;
      found.beneficiary ??= invalid.beneficiary;
      found.photoIds ??= invalid.photoIds;
    }
    if (!checked.ok || Object.values(found).some(Boolean)) {
      setErrors(found);
      Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    running.current = true;
    setSending(true);
    try {
      if (record) {
        await editRecord(record.id, checked.data);
        toastDone('已修改，待社区重新核实');
        leaving.current = setTimeout(() => Taro.navigateBack(), 800);
      } else {
        await logRecord(checked.data as Parameters<typeof logRecord>[0]);
        keptDraft.done();
        toastDone('已提交，待社区核实');
        leaving.current = setTimeout(() => Taro.redirectTo({ url: SERVICE_ROUTES.myRecords }), 800);
      }
    } catch (error) {
      running.current = false;
      setSending(false);
      const fieldErrors = fieldErrorsOf(error, [...FIELDS, 'startedAt', 'endedAt'] as const);
      if (Object.keys(fieldErrors).length > 0) {
        setErrors({ ...fieldErrors, end: fieldErrors.endedAt ?? fieldErrors.startedAt ?? fieldErrors.end });
      }
      await showActionFailure(error);
    }
  };

  return (
    <Page>
      <View className='card'>
        {record ? (
          <View className='field'>
            <Text className='field__label'>服务来源</Text>
            <Text className='svc-text'>{describeSource(record.source)}</Text>
          </View>
        ) : (
          <PickerField
            mode='selector'
            label='服务来源'
            placeholder='选择岗位、心愿、结对或其他'
            options={sources.map((s) => s.label)}
            index={sourceIndex}
            error={errors.source}
            disabled={sending}
            onChange={(index) => {
              setSourceIndex(index);
              setErrors((e) => ({ ...e, source: undefined }));
            }}
          />
        )}
        <PickerField mode='date' label='服务日期' placeholder='选择日期' value={times.date} end={today} disabled={sending} onChange={setTime('date')} />
        <View className='svc-times'>
          <HalfHourField label='开始时间' placeholder='开始' value={times.start} disabled={sending} onChange={setTime('start')} />
          <HalfHourField label='结束时间' placeholder='结束' value={times.end} disabled={sending} onChange={setTime('end')} />
        </View>
        <View className={`svc-counted${session.problem ? ' svc-counted--invalid' : ''}`}>
          <Text>
            {session.problem ?? `计入服务时长 ${formatHours(session.minutes)}（按半小时计，单次最多 8 小时）`}
          </Text>
        </View>
        {errors.end && errors.end !== session.problem && <Text className='field__error'>{errors.end}</Text>}
        <TextAreaField
          label='服务内容'
          name='content'
          value={content}
          placeholder='做了什么，例如：巡查 3 栋楼道，清理杂物 2 处'
          maxlength={1000}
          error={errors.content}
          disabled={sending}
          onInput={(value) => {
            setContent(value);
            setErrors((e) => ({ ...e, content: undefined }));
          }}
        />
        <FormField
          label='服务对象（选填）'
          name='beneficiary'
          value={beneficiary}
          placeholder='例如：阳光花园 3 栋居民'
          maxlength={60}
          error={errors.beneficiary}
          disabled={sending}
          onInput={(value) => {
            setBeneficiary(value);
            setErrors((e) => ({ ...e, beneficiary: undefined }));
          }}
        />
        {!record && (
          <PhotoPicker label='现场照片（选填）' uploads={uploads} max={RECORD_PHOTOS_MAX} disabled={sending} error={errors.photoIds} />
        )}
        <Text className='svc-muted'>提交后由社区工作人员核实，核实通过才计入服务时长和积分。</Text>
      </View>
      <View className='card'>
        <ActionButton busy={sending} onClick={submit}>
          {record ? '保存修改' : '提交服务记录'}
        </ActionButton>
      </View>
    </Page>
  );
}

/** 记录服务: log a session (or, with `?id=`, edit a pending or rejected one). */
export default function RecordFormPage() {
  const params = useRouter().params;
  const recordId = params.id;
  const { state: meState, reload } = useMe();
  const me = meState.kind === 'ready' ? meState.value : null;
  const { state, retry } = useRemote(
    me
      ? async () => {
          if (recordId) return { record: await getRecord(recordId), sources: [] as SourceOption[] };
          return { record: null, sources: reportedCommunity(me) ? await loadSources(me) : [] };
        }
      : null,
    [me?.user.id, recordId],
  );

  useEffect(() => {
    if (recordId) Taro.setNavigationBarTitle({ title: '修改服务记录' }).catch(() => undefined);
  }, [recordId]);

  if (meState.kind === 'failed') {
    return <Page><Failed message={meState.message} onRetry={reload} /></Page>;
  }
  if (!me || state.kind === 'loading') return <Page><Loading /></Page>;
  if (!recordId && !reportedCommunity(me)) {
    return <Page><ReportFirst text={NOT_REPORTED_TEXT} /></Page>;
  }
  if (state.kind === 'failed') {
    return <Page><Failed message={state.message} onRetry={retry} /></Page>;
  }
  const { record, sources } = state.value;
  if (record && !recordMachine.can('owner', 'edit', record.status)) {
    return <Page><Empty text='这条记录已核实通过，不能再修改。' /></Page>;
  }
  const preset = {
    type: params.source && params.source in RECORD_SOURCE_LABELS ? (params.source as RecordSourceType) : undefined,
    id: params.sourceId,
  };
  return <RecordForm userId={me.user.id} record={record} sources={sources} preset={preset} />;
}
