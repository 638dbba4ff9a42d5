import { z } from 'zod';
import { idSchema } from '../domain/org';
import { listQuerySchema } from './list';

/**
 * 催报: a unit reminds every member on its roster who has not reported (no confirmed report), in
 * one step, at most once a day (China's calendar day). Members with an account get an in-app
 * message; members with none yet are listed all the same, for the unit to reach by phone.
 */
export const reminderSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** The day in China it was sent: `2026-12-06`. */
  day: z.string(),
  sentAt: z.string(),
  sentByName: z.string(),
  /** Members told in the app. */
  reminded: z.number().int(),
  /** Unreported members with no account yet: on the list, not messaged. */
  withoutAccount: z.number().int(),
});
export type Reminder = z.infer<typeof reminderSchema>;

/** `POST /api/orgs/:id/reminders`: a district's 催报 for every unit registered below it. Units
 *  already reminded today are skipped, not refused. */
export const orgRemindersResultSchema = z.object({
  /** Units reminded now: those below with someone to remind and no reminder yet today. */
  units: z.number().int(),
  /** Units with someone to remind that had been reminded today already. */
  skipped: z.number().int(),
  reminded: z.number().int(),
  withoutAccount: z.number().int(),
});
export type OrgRemindersResult = z.infer<typeof orgRemindersResultSchema>;

/** `GET /api/units/:id/reminders`: the unit's reminders, newest first. */
export const reminderListQuerySchema = listQuerySchema;
export type ReminderListQuery = z.infer<typeof reminderListQuerySchema>;

/** `GET /api/exports/reminders.xlsx?unitId=&reminderId=`: who one reminder went to, or every
 *  reminder of the unit when none is named. */
export const reminderExportQuerySchema = z.object({ unitId: idSchema, reminderId: idSchema.optional() });
export type ReminderExportQuery = z.infer<typeof reminderExportQuerySchema>;
export const REMINDER_LEDGER_LABEL = '催报名单';


const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The day in China (UTC+8, no daylight saving) of a moment, `YYYY-MM-DD`: the day a reminder counts for. */
export const reminderDay = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Whether the unit has been reminded on `at`'s day, from its latest reminder (the list's first). */
export const remindedOn = (latest: Pick<Reminder, 'day'> | undefined, at: Date): boolean => latest?.day === reminderDay(at);
