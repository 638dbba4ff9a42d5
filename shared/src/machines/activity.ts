import { z } from 'zod';
import { RECORD_MAX_MINUTES, RECORD_UNIT_MINUTES } from './record';
import { defineMachine } from './machine';

/**
 * Activities (集体活动, domain.md "Activities"): published by community staff, a volunteer team's
 * leader or the admin of a unit paired with the community; members sign up within capacity (a
 * waiting list moves up by itself), check in and out with a code that changes every 30 seconds,
 * and the organiser confirms the attendance, which becomes verified service records.
 */
export const ACTIVITY_KINDS = ['theme', 'group_service', 'fixed_point'] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKindSchema>;

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  theme: '主题活动',
  group_service: '组团服务',
  fixed_point: '定点服务',
};

/** Who may sign up: members reported in the community, or also the organising unit's members. */
export const ACTIVITY_AUDIENCES = ['community', 'community_and_unit'] as const;
export const activityAudienceSchema = z.enum(ACTIVITY_AUDIENCES);
export type ActivityAudience = z.infer<typeof activityAudienceSchema>;

export const ACTIVITY_AUDIENCE_LABELS: Record<ActivityAudience, string> = {
  community: '本社区报到党员',
  community_and_unit: '本社区报到党员及本单位党员',
};

/** How the organiser holds it: as community staff, as a volunteer team's leader, as a unit's admin. */
export const ACTIVITY_ORGANISER_KINDS = ['community', 'team', 'unit'] as const;
export const activityOrganiserKindSchema = z.enum(ACTIVITY_ORGANISER_KINDS);
export type ActivityOrganiserKind = z.infer<typeof activityOrganiserKindSchema>;

/**
 * `published` until the organiser calls it off (取消活动, everyone signed up is told) or confirms its
 * attendance after the end (`confirmed`: the service records are written and paid). Whether it has
 * started or ended is a matter of the clock (`activityPhase`), not of the state.
 */
export const ACTIVITY_STATES = ['published', 'called_off', 'confirmed'] as const;
export const activityStateSchema = z.enum(ACTIVITY_STATES);
export type ActivityState = z.infer<typeof activityStateSchema>;

export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = {
  published: '报名中',
  called_off: '已取消',
  confirmed: '已确认时长',
};

/**
 * Who acts on an activity, relative to it: its organiser (the publisher, and whoever holds the
 * same organising role: the community's staff, the team's leader, the unit's admins), a member who
 * may sign up (`eligible`), one who has a place or waits for one (`participant`).
 */
export const ACTIVITY_ACTORS = ['organiser', 'eligible', 'participant'] as const;
export type ActivityActor = (typeof ACTIVITY_ACTORS)[number];

export const activityMachine = defineMachine(ACTIVITY_STATES, ACTIVITY_ACTORS, {
  edit: { from: ['published'], to: 'published', actors: ['organiser'] },
  callOff: { from: ['published'], to: 'called_off', actors: ['organiser'] },
  // Before the start only (`maySignUp`): 409 ACTIVITY_CLOSED after it. A member's cancel moves
  // the first on the waiting list up, in the same transaction.
  signup: { from: ['published'], to: 'published', actors: ['eligible'] },
  cancel: { from: ['published'], to: 'published', actors: ['participant'] },
  // Within the check-in window only, with the current code.
  checkin: { from: ['published'], to: 'published', actors: ['participant'] },
  checkout: { from: ['published'], to: 'published', actors: ['participant'] },
  // After the end: strike one attendance (with a reason), then confirm them all in one step.
  strike: { from: ['published'], to: 'published', actors: ['organiser'] },
  confirm: { from: ['published'], to: 'confirmed', actors: ['organiser'] },
});
export type ActivityAction = keyof typeof activityMachine.transitions;

/** A place taken, a place waited for (in order), or given up. */
export const SIGNUP_STATES = ['signed_up', 'waitlisted', 'cancelled'] as const;
export const signupStateSchema = z.enum(SIGNUP_STATES);
export type SignupState = z.infer<typeof signupStateSchema>;

export const SIGNUP_STATE_LABELS: Record<SignupState, string> = {
  signed_up: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消报名',
};

export const ACTIVITY_CAPACITY_MAX = 2000;
export const ACTIVITY_TITLE_MAX = 40;
export const ACTIVITY_DESCRIPTION_MAX = 2000;
/** An activity lasts at most this long: a day's service, as one record counts at most 8 hours. */
export const ACTIVITY_MAX_HOURS = 12;

/** The check-in code changes every window; a code is good for its window and the one before. */
export const CHECKIN_WINDOW_SECONDS = 30;
/** Check-in opens this long before the start, and closes (as check-out does) at the end. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
export const CHECKIN_CODE_LENGTH = 6;
/** Letters and digits that cannot be mistaken for one another when typed (no 0/O, 1/I/L). */
export const CHECKIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const MINUTE = 60_000;

export type ActivityPhase = 'before' | 'checkin' | 'ended';

/**
 * Where an activity stands by the clock: `before` check-in opens (sign-up and cancelling end at the
 * start itself, see `maySignUp`), `checkin` from 30 minutes before the start until the end, `ended`.
 */
export function activityPhase(startsAt: Date, endsAt: Date, now: Date): ActivityPhase {
  if (now.getTime() < startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE) return 'before';
  return now.getTime() <= endsAt.getTime() ? 'checkin' : 'ended';
}

/** Sign-up and cancelling a sign-up close at the start. */
export const maySignUp = (startsAt: Date, now: Date) => now.getTime() < startsAt.getTime();

/**
 * The service an attendance counts for: the time between check-in and check-out (or the end, for
 * one who never checked out) inside the activity's window, in whole half-hours, at most a record's
 * 8 hours. Zero for one who never checked in.
 */
export function attendedMinutes(
  window: { startsAt: Date; endsAt: Date },
  checkedInAt: Date | null,
  checkedOutAt: Date | null,
): number {
  if (!checkedInAt) return 0;
  const from = Math.max(checkedInAt.getTime(), window.startsAt.getTime());
  const to = Math.min((checkedOutAt ?? window.endsAt).getTime(), window.endsAt.getTime());
  const minutes = Math.max(0, Math.floor((to - from) / MINUTE));
  return Math.min(Math.floor(minutes / RECORD_UNIT_MINUTES) * RECORD_UNIT_MINUTES, RECORD_MAX_MINUTES);
}

/** The content of the check-in QR code: the activity and the code, so a scan of another
 *  activity's code is refused as such. */
export const checkinQrText = (activityId: string, code: string) => `huijia:checkin:${activityId}:${code}`;

/** The code inside a scanned QR text or a typed code (spaces and case forgiven); null when neither. */
export function parseCheckinInput(input: string): { activityId: string | null; code: string } | null {
  const qr = /^huijia:checkin:(\d+):([A-Za-z0-9]+)$/.exec(input.trim());
  const code = (qr ? qr[2]! : input).replace(/\s+/g, '').toUpperCase();
  if (code.length !== CHECKIN_CODE_LENGTH || [...code].some((c) => !CHECKIN_CODE_ALPHABET.includes(c))) return null;
  return { activityId: qr ? qr[1]! : null, code };
}
