import { Text } from '@tarojs/components';
import { REPORT_STATE_LABELS, type ReportState } from '@huijia/shared';
import './StatusBadge.css';

/** A report's state as a coloured tag; `null` is a roster member who has not reported. */
export function StatusBadge({ status }: { status: ReportState | null }) {
  const label = status ? REPORT_STATE_LABELS[status] : '未报到';
  return <Text className={`rp-badge rp-badge--${status ?? 'none'}`}>{label}</Text>;
}
