import { listNotifications } from '../services/notifications';
import { useShownAnswer } from './useShownAnswer';

const countUnread = () => listNotifications({ limit: 1 }).then((answer) => answer.unread);

/** The number of unread messages, for the 消息 badge: asked each time the page shows (reading the inbox changes it). */
export function useUnread(): number | null {
  return useShownAnswer(countUnread, '');
}
