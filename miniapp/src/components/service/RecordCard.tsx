import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { RECORD_STATE_LABELS, type RecordState, type ServiceRecord } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { describeSource, formatHours, formatSession } from './format';
import '../wish/wish.css';
import './service.css';

/** A record's status as a coloured tag: 待核实, 已核实, 未通过. */
export function RecordStatusTag({ status }: { status: RecordState }) {
  return <Text className={`svc-tag svc-tag--${status}`}>{RECORD_STATE_LABELS[status]}</Text>;
}

interface RecordCardProps {
  record: ServiceRecord;
  /** Staff see whose record it is. */
  showMember?: boolean;
  /** The whole content, not two lines of it (a record opened for checking). */
  expanded?: boolean;
  onOpen?: () => void;
  children?: ReactNode;
}

/** A service record in a list: what it was for, when, how long it counts, its status. */
export function RecordCard({ record, showMember = false, expanded = false, onOpen, children }: RecordCardProps) {
  return (
    <View className='card wish-card svc-record'>
      <View className='wish-card__summary' onClick={onOpen} {...(onOpen ? buttonAria() : {})}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>
            {showMember ? `${record.memberName} · ${formatHours(record.minutes)}` : formatHours(record.minutes)}
          </Text>
          <RecordStatusTag status={record.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__role'>{describeSource(record.source)}</Text>
          <Text className='wish-card__time'>{formatSession(record)}</Text>
        </View>
        <Text className={expanded ? 'wish-card__desc svc-desc--full' : 'wish-card__desc'}>{record.content}</Text>
        {record.status === 'rejected' && record.rejectReason && (
          <Text className='svc-reason'>{`未通过原因：${record.rejectReason}`}</Text>
        )}
      </View>
      {children}
    </View>
  );
}
