import { type Notification, type NotificationList, notificationListSchema, notificationSchema } from '@huijia/shared';
import { request } from './api';

/** One page of my messages, newest first, with the count of unread ones (for the badge). */
export function listNotifications(
  query: { limit?: number; cursor?: string | null } = {},
): Promise<NotificationList> {
  return request('GET', '/api/notifications', {
    query: { limit: query.limit, cursor: query.cursor },
    schema: notificationListSchema,
  });
}

export function markNotificationRead(id: string): Promise<Notification> {
  return request('POST', `/api/notifications/${encodeURIComponent(id)}/read`, {
    schema: notificationSchema,
  });
}

/** 全部已读. */
export function markAllNotificationsRead(): Promise<void> {
  return request('POST', '/api/notifications/read-all');
}
