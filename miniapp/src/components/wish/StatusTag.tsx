import { Text } from '@tarojs/components';
import { WISH_STATE_LABELS, type WishState } from '@huijia/shared';
import './wish.css';

/** A wish's status as a coloured tag (待审核, 待认领, 已完成…). */
export function StatusTag({ status }: { status: WishState }) {
  return <Text className={`wish-tag wish-tag--${status}`}>{WISH_STATE_LABELS[status]}</Text>;
}

/** 超期 in red, beside the status of what is past its deadline (an opinion at its level, a project
 *  past its due date); its card takes `wish-card--overdue`, a red edge, to stand out in a long list. */
export function OverdueTag() {
  return <Text className='wish-tag wish-tag--overdue'>超期</Text>;
}
