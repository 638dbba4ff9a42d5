import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Notification } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Empty } from '../../components/LoadState';
import { PagedBody } from '../../components/PagedList';
import { formatTime } from '../../utils/time';
import { useAction } from '../../hooks/useAction';
import { usePagedList } from '../../hooks/usePagedList';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../services/notifications';
import { wishDetailUrl } from '../../subpackages/wishes';
import { buttonAria } from '../../utils/a11y';
import { Page } from '../../components/Page';
import '../../components/wish/wish.css';
import './index.css';

/** 消息: what happened to my wishes, claims and reviews, newest first. */
export default function InboxPage() {
  const [unread, setUnread] = useState<number | null>(null);
  const { busy, run } = useAction();

  const list = usePagedList(async (cursor) => {
    const page = await listNotifications({ cursor });
    setUnread(page.unread);
    return page;
  }, []);

  const markRead = (id: string) => {
    list.update((items) => items.map((item) => (item.id === id ? { ...item, read: true } : item)));
    setUnread((count) => (count === null ? count : Math.max(0, count - 1)));
  };

  const open = (item: Notification) => {
    if (!item.read) {
      markRead(item.id);
      // Marked here at once; if the server missed it, the next load shows it unread again.
      markNotificationRead(item.id).catch(() => undefined);
    }
    if (item.entity === 'wish' && item.entityId) Taro.navigateTo({ url: wishDetailUrl(item.entityId) });
  };

  const readAll = async () => {
    const done = await run('readAll', () => markAllNotificationsRead().then(() => true));
    if (!done) return;
    list.update((items) => items.map((item) => ({ ...item, read: true })));
    setUnread(0);
    Taro.showToast({ title: '已全部标为已读', icon: 'none' });
  };

  return (
    <Page className='wish-page'>
      <View className='wish-list-head'>
        <Text className='wish-list-head__title inbox__count'>
          {unread ? `${unread} 条未读` : '没有未读消息'}
        </Text>
        <ActionButton variant='plain' small busy={busy === 'readAll'} disabled={!unread} onClick={readAll}>
          全部已读
        </ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='暂无消息。心愿的审核、认领、完成等进展会在这里通知您，下拉可刷新。' />}
        renderItem={(item) => (
          <View
            key={item.id}
            className={`card inbox-item${item.read ? '' : ' inbox-item--unread'}`}
            onClick={() => open(item)}
            {...buttonAria()}
          >
            <View className='inbox-item__head'>
              {!item.read && <View className='inbox-item__dot' />}
              <Text className='inbox-item__title'>{item.title}</Text>
              <Text className='inbox-item__time'>{formatTime(item.createdAt)}</Text>
            </View>
            <Text className='inbox-item__body'>{item.body}</Text>
            {item.entity === 'wish' && item.entityId && <Text className='inbox-item__go link'>查看心愿 ›</Text>}
          </View>
        )}
      />
    </Page>
  );
}
