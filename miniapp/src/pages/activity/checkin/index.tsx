import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { type Activity, type CheckinCode, CHECKIN_WINDOW_SECONDS } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading, pageWhileLoading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { dateValue } from '../../../components/service/format';
import { useRemote } from '../../../hooks/useRemote';
import { ApiError, isSessionEnded } from '../../../services/api';
import { getActivity, getCheckinCode } from '../../../services/activities';
import { attendanceUrl } from '../../../subpackages/activities';
import { aria } from '../../../utils/a11y';
import { messageOf } from '../../../utils/form';
import { formatClock, formatTime } from '../../../utils/time';
import { checkinOpensAt, timeText } from '../describe';
import { useNow } from '../useNow';
import { QrCode } from './QrCode';
import '../../../components/wish/wish.css';
import '../activity.css';

const WINDOW_MS = CHECKIN_WINDOW_SECONDS * 1000;
/** The live counts are asked this often; a code is asked again as soon as it changes. */
const POLL_MS = 5000;
/** Outside the window: asked now and then, so the code shows once the window opens. */
const OUTSIDE_POLL_MS = 15_000;
/** Asked just after the change, so the server is surely in the next window. */
const AFTER_CHANGE_MS = 200;

type CodeState =
  | { kind: 'loading' }
  /** `receivedAt`: the phone's time of the answer; `failing`: the latest ask failed. */
  | { kind: 'code'; code: CheckinCode; receivedAt: number; failing: boolean }
  | { kind: 'outside' }
  | { kind: 'failed'; message: string };

/**
 * The code of the current 30-second window, asked every few seconds (for the counts) and again
 * just after it changes. Outside the window (409 CHECKIN_OUTSIDE_WINDOW) it is asked now and then
 * until the window opens, and no more once the activity has ended.
 */
function useCheckinCode(id: string, endsAt: number | null): { state: CodeState; retry: () => void } {
  const [state, setState] = useState<CodeState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (ms: number) => {
      timer = setTimeout(ask, ms);
    };
    function ask() {
      getCheckinCode(id).then(
        (code) => {
          if (!live) return;
          const receivedAt = Date.now();
          setState({ kind: 'code', code, receivedAt, failing: false });
          const untilChange = Date.parse(code.expiresAt) - receivedAt;
          // A phone clock ahead of the server's sees the change already past: the usual pace then.
          later(untilChange > 0 ? Math.min(POLL_MS, untilChange + AFTER_CHANGE_MS) : POLL_MS);
        },
        (error: unknown) => {
          if (!live || isSessionEnded(error)) return;
          if (error instanceof ApiError && error.code === 'CHECKIN_OUTSIDE_WINDOW') {
            setState({ kind: 'outside' });
            if (endsAt === null || Date.now() <= endsAt) later(OUTSIDE_POLL_MS);
            return;
          }
          // A failed ask keeps the code on screen while it lasts (never past its change), and asks again.
          setState((current) =>
            current.kind === 'code' ? { ...current, failing: true } : { kind: 'failed', message: messageOf(error, '签到码加载失败，请稍后重试') },
          );
          later(POLL_MS);
        },
      );
    }
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, endsAt, attempt]);

  return { state, retry: () => setAttempt((n) => n + 1) };
}

function TheCode({ code, receivedAt, failing, now }: { code: CheckinCode; receivedAt: number; failing: boolean; now: Date }) {
  const expiresAt = Date.parse(code.expiresAt);
  // Never an expired code: past its change it goes, until the next one comes (unless the server
  // gave it after the phone's clock says it changed: the phone's clock is then ahead, not the code old).
  const expired = now.getTime() >= expiresAt && receivedAt < expiresAt;
  if (expired) {
    return (
      <View className='act-screen__waiting'>
        <Text>{failing ? '网络不稳定，正在重新获取签到码…' : '正在更新签到码…'}</Text>
      </View>
    );
  }
  const left = Math.min(WINDOW_MS, Math.max(0, expiresAt - now.getTime()));
  const seconds = Math.ceil(left / 1000);
  return (
    <>
      <QrCode text={code.qr} label={`签到二维码，签到码 ${code.code}`} />
      <Text className='act-screen__code'>{code.code}</Text>
      <View className='act-bar' {...aria({ role: 'progressbar', 'aria-label': '签到码剩余时间', 'aria-valuemin': '0', 'aria-valuemax': String(CHECKIN_WINDOW_SECONDS), 'aria-valuenow': String(seconds) })}>
        <View className='act-bar__fill' style={{ width: `${(left / WINDOW_MS) * 100}%` }} />
      </View>
      <Text className='act-screen__left'>{`${seconds} 秒后更换`}</Text>
      <Text className='act-screen__hint'>
        {failing ? '网络不稳定，正在重试…' : '请党员用微信扫码，或在活动页输入签到码；签到、签退用同一个码'}
      </Text>
    </>
  );
}

function Counts({ signedUp, checkedIn, checkedOut }: { signedUp: number; checkedIn: number; checkedOut: number }) {
  const count = (value: string, label: string) => (
    <View className='act-count'>
      <Text className='act-count__value'>{value}</Text>
      <Text className='act-count__label'>{label}</Text>
    </View>
  );
  return (
    <View className='card act-counts' {...aria({ role: 'status', 'aria-live': 'polite' })}>
      {count(`${checkedIn} / ${signedUp}`, '已签到 / 已报名')}
      {count(String(checkedOut), '已签退')}
    </View>
  );
}

function Screen({ activity }: { activity: Activity }) {
  const endsAt = Date.parse(activity.endsAt);
  const { state, retry } = useCheckinCode(activity.id, endsAt);
  const now = useNow(500);

  let body;
  if (state.kind === 'loading') body = <Loading inline />;
  else if (state.kind === 'failed') body = <Failed inline message={state.message} onRetry={retry} />;
  else if (state.kind === 'code') body = <TheCode code={state.code} receivedAt={state.receivedAt} failing={state.failing} now={now} />;
  else if (now.getTime() > endsAt || activity.phase === 'ended') {
    body = (
      <>
        <Text className='act-closed'>活动已结束，签到已关闭</Text>
        {activity.status === 'published' && (
          <ActionButton onClick={() => Taro.redirectTo({ url: attendanceUrl(activity.id) })}>确认时长</ActionButton>
        )}
      </>
    );
  } else {
    const opens = checkinOpensAt(activity);
    const when = dateValue(opens) === dateValue(now) ? formatClock(opens.toISOString()) : formatTime(opens.toISOString(), now);
    body = (
      <>
        <Text className='act-closed'>{`签到将于 ${when} 开放`}</Text>
        <Text className='act-screen__hint'>活动开始前 30 分钟至结束时可以签到，届时签到码会自动出现</Text>
      </>
    );
  }

  const counts = state.kind === 'code' ? state.code : { signedUp: activity.signedUp, checkedIn: null, checkedOut: null };
  return (
    <Page className='wish-page'>
      <View className='card act-screen'>
        <Text className='act-screen__title'>{activity.title}</Text>
        <Text className='act-screen__hint'>{`${timeText(activity)} · ${activity.location}`}</Text>
        {body}
      </View>
      {counts.checkedIn !== null && counts.checkedOut !== null ? (
        <Counts signedUp={counts.signedUp} checkedIn={counts.checkedIn} checkedOut={counts.checkedOut} />
      ) : (
        <View className='card act-counts'>
          <View className='act-count'>
            <Text className='act-count__value'>{String(counts.signedUp)}</Text>
            <Text className='act-count__label'>已报名</Text>
          </View>
        </View>
      )}
    </Page>
  );
}

/**
 * 签到码 (`?id=`, the organiser): a big QR code and the 6-character code of this 30-second window,
 * a bar counting down to the next, and who has checked in, live. The phone is kept awake (WeChat).
 */
export default function CheckinScreenPage() {
  const id = useRouter().params.id ?? '';
  const { state, retry } = useRemote(() => getActivity(id), [id]);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined;
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
  }, []);

  if (state.kind !== 'ready') return pageWhileLoading(state, retry);
  return <Screen activity={state.value} />;
}
