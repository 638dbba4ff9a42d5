import { Text, View } from '@tarojs/components';
import type { AuditObjectType } from '@huijia/shared';
import { usePagedList } from '../../hooks/usePagedList';
import { ApiError } from '../../services/api';
import { listAudit } from '../../services/audit';
import { Empty } from '../LoadState';
import { PagedBody } from '../PagedList';
import { AuditEntryView } from './Entry';

interface AuditHistoryProps {
  objectType: AuditObjectType;
  objectId: string;
  /** Changes whenever the object does (its `updatedAt`, its status): the history loads again. */
  version?: string;
}

/**
 * 处理记录: one object's audit trail (a wish's, a report's), newest first, for the staff who may
 * read it: who did what when, the states it moved between and why.
 */
export function AuditHistory({ objectType, objectId, version }: AuditHistoryProps) {
  const list = usePagedList(
    (cursor) =>
      listAudit({ objectType, objectId }, {}, cursor).catch((error: unknown) => {
        // 404: none of the object's history lies in the caller's scope (the server answers so rather
        // than say whether it exists); the page around has shown the object, so nothing to list.
        if (error instanceof ApiError && error.status === 404) return { items: [], nextCursor: null };
        throw error;
      }),
    [objectType, objectId, version],
  );
  return (
    <View className='card audit-history'>
      <Text className='card__title'>处理记录</Text>
      <Text className='card__hint'>每一步由谁在什么时候办理，仅工作人员可见</Text>
      <PagedBody
        list={list}
        inline
        empty={<Empty inline text='还没有处理记录。' />}
        renderItem={(entry) => <AuditEntryView key={entry.id} entry={entry} />}
      />
    </View>
  );
}
