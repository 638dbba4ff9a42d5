import { z } from 'zod';

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
  units: z.number().int(),
  skipped: z.number().int(),
  reminded: z.number().int(),
  withoutAccount: z.number().int(),
});
export type OrgRemindersResult = z.infer<typeof orgRemindersResultSchema>;
