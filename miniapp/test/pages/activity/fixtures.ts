// Activities as the API answers them, checked against the shared schemas so that a test never
// renders a shape the server cannot send. The clock of these tests stands at NOW (the tests run in
// UTC, so 02:00Z reads 02:00).
import {
  type Activity,
  activitySchema,
  type ActivityPhase,
  type Attendance,
  attendanceSchema,
  type CheckinCode,
  checkinCodeSchema,
  type MySignup,
} from '@huijia/shared';

export const NOW = new Date('2026-12-10T02:00:00.000Z');

/** Times that put an activity in each phase at NOW: two days ahead; started half an hour ago; over yesterday. */
export const TIMES: Record<ActivityPhase, { startsAt: string; endsAt: string }> = {
  before: { startsAt: '2026-12-12T01:00:00.000Z', endsAt: '2026-12-12T03:00:00.000Z' },
  checkin: { startsAt: '2026-12-10T01:30:00.000Z', endsAt: '2026-12-10T03:30:00.000Z' },
  ended: { startsAt: '2026-12-09T01:00:00.000Z', endsAt: '2026-12-09T03:00:00.000Z' },
};

export function anActivity(overrides: Partial<Activity> = {}): Activity {
  return activitySchema.parse({
    id: '7',
    communityId: 'longjin',
    communityName: '龙津社区',
    kind: 'group_service',
    title: '重阳节敬老义剪',
    description: '为社区 70 岁以上老人免费理发，需要会理发或能帮忙引导的党员。',
    pioneerRole: 'volunteer',
    location: '龙津社区党群服务中心二楼',
    ...TIMES.before,
    capacity: 20,
    audience: 'community',
    organiser: { kind: 'community', name: '龙津社区' },
    status: 'published',
    phase: 'before',
    signedUp: 12,
    waitlisted: 0,
    mySignup: null,
    cancelReason: null,
    confirmedAt: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    viewerActors: [],
    ...overrides,
  });
}

/** An activity in `phase` at NOW, its times to match. */
export const inPhase = (phase: ActivityPhase, overrides: Partial<Activity> = {}): Activity => anActivity({ ...TIMES[phase], phase, ...overrides });

export function aSignup(overrides: Partial<MySignup> = {}): MySignup {
  return { status: 'signed_up', position: null, checkedInAt: null, checkedOutAt: null, ...overrides };
}

export function aCode(overrides: Partial<CheckinCode> = {}): CheckinCode {
  return checkinCodeSchema.parse({
    code: 'ABC234',
    qr: 'huijia:checkin:7:ABC234',
    expiresAt: '2026-12-10T02:00:30.000Z',
    signedUp: 12,
    checkedIn: 5,
    checkedOut: 1,
    ...overrides,
  });
}

export function anAttendance(overrides: Partial<Attendance> = {}): Attendance {
  return attendanceSchema.parse({
    memberId: 'm1',
    memberName: '李明',
    checkedInAt: '2026-12-09T00:55:00.000Z',
    checkedOutAt: '2026-12-09T03:00:00.000Z',
    noCheckout: false,
    minutes: 120,
    struckReason: null,
    recordId: null,
    ...overrides,
  });
}
