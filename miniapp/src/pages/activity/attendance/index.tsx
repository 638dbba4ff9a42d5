import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Activity, type Attendance, type AttendanceList, strikeAttendanceBodySchema } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { formatHours } from '../../../components/service/format';
import { ReasonSheet } from '../../../components/Sheet';
import { WishRow } from '../../../components/wish/WishCard';
import { useAction } from '../../../hooks/useAction';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { confirmAttendance, getActivity, getAttendance, strikeAttendance } from '../../../services/activities';
import { formatClock, formatTime } from '../../../utils/time';
import { toastDone } from '../../../utils/toast';
import { ActivityStatusTag } from '../ActivityCard';
import { activityActionsFor, timeText } from '../describe';
import { useNow } from '../useNow';
import '../../../components/wish/wish.css';
import '../activity.css';

const strikeReasonSchema = strikeAttendanceBodySchema.pick({ reason: true });

interface Loaded {
  activity: Activity;
  attendance: AttendanceList;
}

/** What confirming writes: one record for each attendance that counts (checked in, not struck, some time). */
function countedOf(items: readonly Attendance[]): { records: number; minutes: number } {
  const counted = items.filter((item) => item.checkedInAt !== null && item.struckReason === null && item.minutes > 0);
  return { records: counted.length, minutes: counted.reduce((sum, item) => sum + item.minutes, 0) };
}

/** 签到 09:02 · 签退 10:58 */
function timesLine(item: Attendance): string {
  const checkin = `签到 ${formatClock(item.checkedInAt!)}`;
  return item.checkedOutAt ? `${checkin} · 签退 ${formatClock(item.checkedOutAt)}` : `${checkin} · 未签退`;
}

function AttendanceRow({ item, mayStrike, busy, onStrike }: { item: Attendance; mayStrike: boolean; busy: boolean; onStrike: () => void }) {
  const struck = item.struckReason !== null;
  return (
    <View className={`act-att${struck ? ' act-att--struck' : ''}`}>
      <View className='act-att__head'>
        <Text className='act-att__name'>{item.memberName}</Text>
        <Text className='act-att__minutes'>{formatHours(item.minutes)}</Text>
      </View>
      <Text className='act-att__line'>{timesLine(item)}</Text>
      {item.noCheckout && !struck && <Text className='act-att__flag'>未签退，计至活动结束</Text>}
      {struck && <Text className='act-att__struck'>{`已剔除：${item.struckReason}`}</Text>}
      {item.recordId && <Text className='act-att__line'>{`已记入服务记录（编号 ${item.recordId}）`}</Text>}
      {mayStrike && !struck && (
        <View className='act-att__foot'>
          <ActionButton small variant='plain' disabled={busy} onClick={onStrike}>
            剔除
          </ActionButton>
        </View>
      )}
    </View>
  );
}

function AttendanceView({ loaded, onChange, onStale }: { loaded: Loaded; onChange: (loaded: Loaded) => void; onStale: () => void }) {
  const { activity, attendance } = loaded;
  const now = useNow(30_000);
  const [striking, setStriking] = useState<Attendance | null>(null);
  const { busy, run } = useAction(onStale);
  const actions = activityActionsFor(activity, now);
  const mayStrike = actions.includes('strike');
  const mayConfirm = actions.includes('confirm');
  const confirmed = activity.status === 'confirmed';
  const came = attendance.items.filter((item) => item.checkedInAt !== null);
  const absent = attendance.items.filter((item) => item.checkedInAt === null);
  const { records, minutes } = countedOf(attendance.items);

  const strike = async (item: Attendance, reason: string) => {
    const list = await run(`strike-${item.memberId}`, () => strikeAttendance(activity.id, item.memberId, reason), {
      ask: { title: '剔除签到', content: `剔除${item.memberName}的签到？这次签到将不计服务时长和积分，不能恢复。`, confirmText: '剔除' },
      done: '已剔除',
    });
    if (!list) return;
    setStriking(null);
    onChange({ activity, attendance: list });
  };

  const confirm = async () => {
    const content =
      records > 0
        ? `将为 ${records} 名党员生成已核实的服务记录，共 ${formatHours(minutes)}，并计入积分。确认后不能再剔除或修改。`
        : '没有可以计入的签到。确认后活动标记为已确认时长，不能再剔除或修改。';
    const result = await run('confirm', () => confirmAttendance(activity.id), { ask: { title: '确认时长', content, confirmText: '确认' } });
    if (!result) return;
    toastDone(result.records > 0 ? `已生成 ${result.records} 条服务记录` : '已确认');
    onChange({ activity: result.activity, attendance });
    // The rows now carry their records.
    onStale();
  };

  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-detail__head'>
          <Text className='wish-detail__title'>{activity.title}</Text>
          <ActivityStatusTag activity={activity} now={now} />
        </View>
        <WishRow label='活动时间' value={timeText(activity)} />
        <WishRow label='签到情况' value={`签到 ${attendance.attended} 人 · 未到 ${attendance.noShows} 人`} />
        {activity.status === 'published' && activity.phase !== 'ended' && (
          <Text className='wish-detail__notice'>活动结束后才能确认时长；签到名单会随签到更新。</Text>
        )}
        {confirmed && activity.confirmedAt && <WishRow label='确认时间' value={formatTime(activity.confirmedAt)} />}
      </View>

      <View className='card'>
        <Text className='card__title'>{`签到名单（${came.length} 人）`}</Text>
        <Text className='act-total'>
          {confirmed ? '已计入 ' : '可计入 '}
          <Text className='act-total__figure'>{`${records} 人`}</Text>
          {'，共 '}
          <Text className='act-total__figure'>{formatHours(minutes)}</Text>
        </Text>
        <Text className='card__hint'>时长为活动时间内签到至签退的时长，按半小时计；未签退的计至活动结束。</Text>
        {came.length === 0 ? (
          <Empty inline text='还没有人签到。' />
        ) : (
          came.map((item) => (
            <AttendanceRow key={item.memberId} item={item} mayStrike={mayStrike} busy={busy !== null} onStrike={() => setStriking(item)} />
          ))
        )}
      </View>

      <View className='card'>
        <Text className='card__title'>{`未到（${absent.length} 人）`}</Text>
        {absent.length === 0 ? (
          <Text className='card__hint'>报名的党员都已签到。</Text>
        ) : (
          absent.map((item) => <WishRow key={item.memberId} label={item.memberName} value='未签到' />)
        )}
      </View>

      {mayConfirm && (
        <View className='wish-submit'>
          <ActionButton busy={busy === 'confirm'} disabled={busy !== null && busy !== 'confirm'} onClick={() => void confirm()}>
            确认时长
          </ActionButton>
        </View>
      )}

      {striking && (
        <ReasonSheet
          title={`剔除${striking.memberName}的签到`}
          label='剔除原因'
          placeholder='如：签到后未参加活动'
          submitLabel='确认剔除'
          warning='剔除后这次签到不计服务时长和积分，不能恢复。'
          schema={strikeReasonSchema}
          maxlength={200}
          busy={busy !== null}
          onSubmit={(reason) => void strike(striking, reason)}
          onClose={() => setStriking(null)}
        />
      )}
    </Page>
  );
}

/** The activity and its attendance, read together. */
const readAttendance = (id: string): Promise<Loaded> =>
  Promise.all([getActivity(id), getAttendance(id)]).then(([activity, attendance]) => ({ activity, attendance }));

/** 确认时长 (`?id=`, the organiser): who came and for how long, who did not; 剔除 and one 确认. */
export default function AttendancePage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, readAttendance, '签到名单');
  if (detail.state.kind !== 'ready') return detailPlaceholder(detail);
  return <AttendanceView loaded={detail.state.value} onChange={detail.replace} onStale={() => void detail.load(true)} />;
}
