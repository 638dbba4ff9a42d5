import { pointsForMinutes } from '@huijia/shared';
import { chinaTime } from '../exports/cells';
import type { NotificationDraft } from '../notifications/notify';

/** What an activity's changes tell people, in one wording. */
export type ActivityMessage = Required<Pick<NotificationDraft, 'kind' | 'title' | 'body'>>;

/** `2026-05-01 09:00 至 11:30` (the end's day too when it ends on another), in China's time. */
export function spanOf(startsAt: Date, endsAt: Date): string {
  const start = chinaTime(startsAt)!;
  const end = chinaTime(endsAt)!;
  return `${start} 至 ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}

const hours = (minutes: number) => minutes / 60;

export const activityMessages = {
  /** To a member moved up from the waiting list (候补转正). */
  promoted: (title: string, span: string, location: string): ActivityMessage => ({
    kind: 'activity.promoted',
    title: '候补转正，您已报名成功',
    body: `「${title}」有名额空出，您已从候补转为正式报名。时间：${span}，地点：${location}`,
  }),
  /** To everyone signed up or waiting, when the organiser edits it. */
  changed: (title: string, span: string, location: string): ActivityMessage => ({
    kind: 'activity.changed',
    title: '活动信息有变更',
    body: `「${title}」已修改，请留意。时间：${span}，地点：${location}`,
  }),
  /** To everyone signed up or waiting, when the organiser calls it off. */
  calledOff: (title: string, reason: string): ActivityMessage => ({
    kind: 'activity.called_off',
    title: '活动已取消',
    body: `「${title}」已取消：${reason}`,
  }),
  /** To a member whose attendance the organiser struck, with the reason. */
  struck: (title: string, reason: string): ActivityMessage => ({
    kind: 'activity.struck',
    title: '活动考勤未被认可',
    body: `「${title}」的考勤不计入服务时长：${reason}`,
  }),
  /** To each member whose attendance became a verified record. */
  confirmed: (title: string, minutes: number): ActivityMessage => ({
    kind: 'activity.confirmed',
    title: '活动时长已确认',
    body: `「${title}」计入服务 ${hours(minutes)} 小时，获得 ${pointsForMinutes(minutes)} 积分`,
  }),
  /** To the organiser who confirmed their own attendance: nobody verifies their own service. */
  confirmedForOrganiser: (title: string, minutes: number): ActivityMessage => ({
    kind: 'activity.confirmed',
    title: '活动时长待核实',
    body: `「${title}」的 ${hours(minutes)} 小时已记为服务记录；您是确认人，须由社区工作人员核实后计入`,
  }),
};
