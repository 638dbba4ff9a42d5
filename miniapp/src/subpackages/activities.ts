/**
 * Activities (集体活动、组团服务、定点服务), a WeChat subpackage: read by app.config.ts at build time
 * and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const activityPackages: { root: string; pages: string[] }[] = [
  // Residents and members read a community's activities; members sign up, check in and out and
  // follow theirs; organisers (community staff, a volunteer team's leader, a paired unit's admin)
  // publish, show the check-in code and confirm the attendance.
  {
    root: 'pages/activity',
    pages: ['hall/index', 'detail/index', 'mine/index', 'organised/index', 'edit/index', 'checkin/index', 'attendance/index'],
  },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const ACTIVITY_ROUTES = {
  /** 社区活动: the activities of the member's (or resident's) community, by day. */
  hall: '/pages/activity/hall/index',
  /** 活动详情: add `?id=`, see `activityDetailUrl`. */
  detail: '/pages/activity/detail/index',
  /** 我的活动: the member's sign-ups, places and waiting. */
  mine: '/pages/activity/mine/index',
  /** 组织活动: what the user organises, and 发布活动. */
  organised: '/pages/activity/organised/index',
  /** 发布活动; `?id=` edits one (修改活动). */
  edit: '/pages/activity/edit/index',
  /** 签到码 (the organiser): add `?id=`, see `checkinScreenUrl`. */
  checkin: '/pages/activity/checkin/index',
  /** 确认时长 (the organiser): add `?id=`, see `attendanceUrl`. */
  attendance: '/pages/activity/attendance/index',
} as const;

export type ActivityRoute = (typeof ACTIVITY_ROUTES)[keyof typeof ACTIVITY_ROUTES];

const withId = (route: ActivityRoute, id: string) => `${route}?id=${encodeURIComponent(id)}`;

export const activityDetailUrl = (id: string): string => withId(ACTIVITY_ROUTES.detail, id);
/** The form: for a new activity, or to edit `id`. */
export const activityFormUrl = (id?: string): string => (id ? withId(ACTIVITY_ROUTES.edit, id) : ACTIVITY_ROUTES.edit);
export const checkinScreenUrl = (id: string): string => withId(ACTIVITY_ROUTES.checkin, id);
export const attendanceUrl = (id: string): string => withId(ACTIVITY_ROUTES.attendance, id);
