import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OrgNode, OrgRemindersResult } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { useAction } from '../../../hooks/useAction';
import { remindUnitsBelow } from '../../../services/reminders';

/** What a district's 催报 did, in a sentence. */
export function orgReminderOutcome(r: OrgRemindersResult): string {
  if (r.units === 0 && r.skipped === 0) return '没有需要催报的单位：各单位名册中的党员都已报到。';
  const parts = [r.units > 0 ? `已为 ${r.units} 个单位催报，站内提醒 ${r.reminded} 人` : '没有新催报的单位'];
  if (r.withoutAccount > 0) parts.push(`${r.withoutAccount} 人尚未注册，各单位可导出催报名单电话联系`);
  if (r.skipped > 0) parts.push(`${r.skipped} 个单位今天已催报过，已跳过`);
  return `${parts.join('；')}。`;
}

/** 一键催报 for every unit registered at or below `node` (a district admin's), asked first. */
export function OrgReminders({ node }: { node: OrgNode }) {
  const { busy, run } = useAction();
  const [outcome, setOutcome] = useState<OrgRemindersResult | null>(null);
  const remind = async () => {
    const result = await run('remind', () => remindUnitsBelow(node.id), {
      ask: {
        title: '一键催报',
        content: `将为「${node.name}」及其下登记的每个单位提醒名册中未报到的党员尽快到居住社区报到：已注册的收到站内消息，未注册的列入各单位的催报名单。今天已催报过的单位跳过。`,
        confirmText: '催报',
      },
      failed: '催报失败，请稍后重试',
    });
    if (result) setOutcome(result);
  };
  return (
    <View className='adm-gap'>
      <ActionButton variant='plain' busy={busy !== null} onClick={() => void remind()}>
        一键催报
      </ActionButton>
      {outcome && <Text className='adm-note adm-gap'>{orgReminderOutcome(outcome)}</Text>}
    </View>
  );
}
