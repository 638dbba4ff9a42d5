import { Text, View } from '@tarojs/components';
import type { Wish } from '@huijia/shared';
import { formatClock, formatDay } from '../../../utils/time';

type StepState = 'done' | 'current' | 'failed' | 'todo';

interface Step {
  label: string;
  state: StepState;
  at?: string | null;
}

/** 提交 → 审核 → 认领 → 完成 → 确认, read from the wish's status and the time of each step. */
function stepsOf(wish: Wish): { steps: Step[]; note?: string } {
  const { status } = wish;
  const reviewed = !['pending_review', 'rejected', 'withdrawn'].includes(status);
  const steps: Step[] = [
    { label: '提交', state: 'done', at: wish.createdAt },
    {
      label: status === 'rejected' ? '未通过' : '审核',
      state: status === 'rejected' ? 'failed' : reviewed ? 'done' : status === 'pending_review' ? 'current' : 'todo',
      at: wish.reviewedAt,
    },
    {
      label: '认领',
      state: wish.claimedAt ? 'done' : status === 'published' ? 'current' : 'todo',
      at: wish.claimedAt,
    },
    {
      label: '完成',
      state: wish.fulfilledAt ? 'done' : status === 'claimed' ? 'current' : 'todo',
      at: wish.fulfilledAt,
    },
    {
      label: status === 'disputed' ? '有异议' : '确认',
      state:
        status === 'completed' ? 'done' : status === 'disputed' ? 'failed' : status === 'fulfilled' ? 'current' : 'todo',
      at: status === 'completed' ? wish.completedAt : status === 'disputed' ? wish.disputedAt : null,
    },
  ];
  const notes: Partial<Record<Wish['status'], string>> = {
    pending_review: '等待社区工作人员审核',
    published: '已在社区心愿大厅公开，等待党员认领',
    claimed: wish.contactedAt ? '党员已联系居民，正在办理' : '党员已认领，将尽快联系居民',
    fulfilled: '党员已完成，等待居民确认',
    completed: '心愿已完成',
    rejected: '审核未通过',
    withdrawn: '居民已撤回心愿',
    disputed: '居民对完成情况有异议，等待社区处理',
  };
  return { steps, note: notes[status] };
}

const MARKS: Record<StepState, (index: number) => string> = {
  done: () => '✓',
  failed: () => '×',
  current: (index) => String(index + 1),
  todo: (index) => String(index + 1),
};

/** The wish's progress as five steps, with the time of each one done. */
export function Timeline({ wish }: { wish: Wish }) {
  const { steps, note } = stepsOf(wish);
  return (
    <View className='card'>
      <Text className='card__title'>进度</Text>
      <View className='wish-steps'>
        {steps.map((step, index) => (
          <View key={step.label} className={`wish-step wish-step--${step.state}`}>
            <Text className='wish-step__dot'>{MARKS[step.state](index)}</Text>
            <Text className='wish-step__label'>{step.label}</Text>
            {step.at && <Text className='wish-step__time'>{formatDay(step.at)}</Text>}
            {step.at && <Text className='wish-step__time'>{formatClock(step.at)}</Text>}
          </View>
        ))}
      </View>
      {note && <Text className='wish-steps__note'>{note}</Text>}
    </View>
  );
}
