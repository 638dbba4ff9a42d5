import {
  type Activity,
  type ActivityAction,
  activityMachine,
  type ActivityOrganiserKind,
  attendedMinutes,
  CHECKIN_OPENS_BEFORE_MINUTES,
  maySignUp,
} from '@huijia/shared';
import { dateValue, timeValue } from '../../components/service/format';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 12月8日 周二 */
export function dayText(at: Date): string {
  return `${at.getMonth() + 1}月${at.getDate()}日 ${WEEKDAYS[at.getDay()]}`;
}

/** 12月8日 周二 09:00-11:00, or both ends in full when it runs past midnight. */
export function timeText(activity: Pick<Activity, 'startsAt' | 'endsAt'>): string {
  const start = new Date(activity.startsAt);
  const end = new Date(activity.endsAt);
  if (dateValue(start) === dateValue(end)) return `${dayText(start)} ${timeValue(start)}-${timeValue(end)}`;
  return `${dayText(start)} ${timeValue(start)} 至 ${dayText(end)} ${timeValue(end)}`;
}

/** When check-in opens: 30 minutes before the start. */
export const checkinOpensAt = (activity: Pick<Activity, 'startsAt'>): Date =>
  new Date(Date.parse(activity.startsAt) - CHECKIN_OPENS_BEFORE_MINUTES * 60_000);

export const ORGANISER_KIND_LABELS: Record<ActivityOrganiserKind, string> = {
  community: '社区',
  team: '志愿服务队',
  unit: '结对单位',
};

/** The places left, and the waiting list when there is one: 剩余 3 个名额 · 候补 2 人. */
export function seatsText(activity: Pick<Activity, 'capacity' | 'signedUp' | 'waitlisted'>): string {
  const left = activity.capacity - activity.signedUp;
  const seats = left > 0 ? `剩余 ${left} 个名额` : '名额已满';
  return activity.waitlisted > 0 ? `${seats} · 候补 ${activity.waitlisted} 人` : seats;
}

export const isFull = (activity: Pick<Activity, 'capacity' | 'signedUp'>) => activity.signedUp >= activity.capacity;

export type Tone = 'open' | 'soon' | 'live' | 'done' | 'off';

/**
 * Where it stands, for a tag: its state, and by the clock (the server's phase) whether it is still
 * open for sign-up, about to start, running or over.
 */
export function statusOf(activity: Pick<Activity, 'status' | 'phase' | 'startsAt' | 'capacity' | 'signedUp'>, now: Date): { label: string; tone: Tone } {
  if (activity.status === 'called_off') return { label: '已取消', tone: 'off' };
  if (activity.status === 'confirmed') return { label: '已确认时长', tone: 'done' };
  if (activity.phase === 'ended') return { label: '已结束', tone: 'off' };
  if (activity.phase === 'checkin') return now.getTime() < Date.parse(activity.startsAt) ? { label: '签到中', tone: 'soon' } : { label: '进行中', tone: 'live' };
  return isFull(activity) ? { label: '已满，可候补', tone: 'soon' } : { label: '报名中', tone: 'open' };
}

/** The member's own place, in a few words: 已报名, 候补第 2 位, 已签到, 已签退. */
export function mySignupText(activity: Pick<Activity, 'mySignup'>): string | null {
  const mine = activity.mySignup;
  if (!mine || mine.status === 'cancelled') return null;
  if (mine.status === 'waitlisted') return mine.position ? `候补第 ${mine.position} 位` : '候补中';
  if (mine.checkedOutAt) return '已签退';
  if (mine.checkedInAt) return '已签到';
  return '已报名';
}

/** The service a member's attendance counts for, as the records will (`attendedMinutes`). */
export function myMinutes(activity: Pick<Activity, 'startsAt' | 'endsAt' | 'mySignup'>): number {
  const mine = activity.mySignup;
  if (!mine?.checkedInAt) return 0;
  const window = { startsAt: new Date(activity.startsAt), endsAt: new Date(activity.endsAt) };
  return attendedMinutes(window, new Date(mine.checkedInAt), mine.checkedOutAt ? new Date(mine.checkedOutAt) : null);
}

type ActionsInput = Pick<Activity, 'viewerActors' | 'status' | 'phase' | 'startsAt' | 'mySignup'>;

const holdsPlace = (activity: Pick<Activity, 'mySignup'>) => activity.mySignup !== null && activity.mySignup.status !== 'cancelled';

/**
 * The steps to offer: exactly what the activity machine allows this viewer in this state, less
 * what the clock forbids: sign-up, cancelling and the organiser's edits only before the start
 * (`maySignUp`), calling it off until its end, check-in and check-out only in the check-in window
 * (with a place taken, once each), striking and confirming only once it has ended.
 */
export function activityActionsFor(activity: ActionsInput, now: Date): ActivityAction[] {
  const beforeStart = maySignUp(new Date(activity.startsAt), now) && activity.phase !== 'ended';
  const mine = activity.mySignup;
  const placed = mine?.status === 'signed_up';
  return activityMachine.available(activity.viewerActors, activity.status).filter((action) => {
    switch (action) {
      case 'signup':
        return beforeStart && !holdsPlace(activity);
      case 'cancel':
        return beforeStart && holdsPlace(activity);
      case 'edit':
        return beforeStart;
      case 'callOff':
        return activity.phase !== 'ended';
      case 'checkin':
        return activity.phase === 'checkin' && placed && !mine.checkedInAt;
      case 'checkout':
        return activity.phase === 'checkin' && placed && Boolean(mine.checkedInAt) && !mine.checkedOutAt;
      case 'strike':
      case 'confirm':
        return activity.phase === 'ended';
    }
  });
}

/** The organiser's check-in screen is theirs while the activity is on, up to its end. */
export const showsCheckinCode = (activity: Pick<Activity, 'viewerActors' | 'status' | 'phase'>) =>
  activity.viewerActors.includes('organiser') && activity.status === 'published' && activity.phase !== 'ended';

/** The day of an instant as the hall's filters take it (YYYY-MM-DD, the phone's day). */
export const dayOf = (iso: string) => dateValue(new Date(iso));
