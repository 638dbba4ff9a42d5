import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { remindedOn, type Reminder, type ReportingFigures } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { downloadReminderList, listReminders, remindUnit } from '../../../services/reminders';
import { buttonAria } from '../../../utils/a11y';

/** Past reminders shown: the latest few; the day's limit reads the first. */
const HISTORY_SHOWN = 5;

/** What a reminder did, in a sentence. */
function reminderOutcome(r: Pick<Reminder, 'reminded' | 'withoutAccount'>): string {
  const told = `已提醒 ${r.reminded} 人（站内消息）`;
  return r.withoutAccount > 0 ? `${told}，${r.withoutAccount} 人尚未注册，请导出名单电话联系` : told;
}

/**
 * What the 一键催报 button says and whether it may be pressed: not before the figures and the
 * latest reminder are in, not twice a day (the latest reminder is today's), not with nobody to
 * remind. Unreported: on the roster without a confirmed report (waiting for the offline step too).
 */
function reminderButton(figures: ReportingFigures | null, latest: Reminder | undefined | null, now: Date): { label: string; enabled: boolean } {
  if (latest !== null && remindedOn(latest, now)) return { label: '今日已催报', enabled: false };
  if (!figures || latest === null) return { label: '一键催报', enabled: false };
  const unreported = figures.roster - figures.confirmed;
  if (unreported <= 0) return { label: '全部已报到', enabled: false };
  return { label: `一键催报（${unreported} 人未报到）`, enabled: true };
}

/**
 * 催报 on the unit's 报到情况: one button that reminds every unreported member (asked first, once a
 * day), what it did, and the latest reminders, each with its list (催报名单) to export.
 */
export function UnitReminders({ unit, figures }: { unit: { id: string; name: string }; figures: ReportingFigures | null }) {
  const [version, setVersion] = useState(0);
  const [sent, setSent] = useState<Reminder | null>(null);
  const history = useRemote(() => listReminders(unit.id, null, HISTORY_SHOWN), [unit.id, version]);
  // Someone else reminded today meanwhile (409): the list as it is now says so.
  const { busy, run } = useAction(() => setVersion((v) => v + 1));
  const items = history.state.kind === 'ready' ? history.state.value.items : null;
  // Unknown until the list is in (null): the button waits for it.
  const button = reminderButton(figures, items === null ? null : items[0], new Date());

  const remind = async () => {
    if (!figures) return;
    const unreported = figures.roster - figures.confirmed;
    const reminder = await run('remind', () => remindUnit(unit.id), {
      ask: {
        title: '一键催报',
        content: `将提醒名册中 ${unreported} 名未报到的党员（含待线下报到的）尽快到居住社区报到：已注册的收到站内消息，尚未注册的请导出催报名单电话联系。每天只能催报一次。`,
        confirmText: '催报',
      },
      done: '已催报',
      failed: '催报失败，请稍后重试',
    });
    if (!reminder) return;
    setSent(reminder);
    setVersion((v) => v + 1);
  };

  const exportList = (reminder: Reminder) =>
    void run(`export-${reminder.id}`, () => downloadReminderList(reminder, unit.name), { done: '已导出', failed: '导出失败，请稍后重试' });

  return (
    <View className='card reminders'>
      <Text className='card__title'>催报</Text>
      <Text className='card__hint'>提醒名册中尚未报到的党员尽快到居住社区报到，每天一次。</Text>
      <ActionButton busy={busy === 'remind'} disabled={!button.enabled || busy !== null} onClick={() => void remind()}>
        {button.label}
      </ActionButton>
      {sent && <Text className='rp-note reminders__outcome'>{reminderOutcome(sent)}</Text>}
      {history.state.kind === 'loading' && <Loading inline />}
      {history.state.kind === 'failed' && <Failed inline message={history.state.message} onRetry={history.retry} />}
      {items && items.length > 0 && (
        <View className='reminders__history'>
          <Text className='reminders__caption'>催报记录</Text>
          {items.map((item) => (
            <View key={item.id} className='rp-row reminder-row'>
              <View className='rp-row__head'>
                <Text className='rp-row__name'>{item.day}</Text>
                <Text className='link reminders__export' onClick={() => busy === null && exportList(item)} {...buttonAria(busy !== null)}>
                  {busy === `export-${item.id}` ? '正在导出…' : '导出名单'}
                </Text>
              </View>
              <Text className='rp-row__meta'>{`${item.sentByName} · ${reminderOutcome(item)}`}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
