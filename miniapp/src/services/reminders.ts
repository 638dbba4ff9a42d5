import {
  listEnvelope,
  type ListEnvelope,
  orgRemindersResultSchema,
  type OrgRemindersResult,
  REMINDER_LEDGER_LABEL,
  type Reminder,
  reminderSchema,
} from '@huijia/shared';
import { request, toQueryString } from './api';
import { downloadSpreadsheet } from './stats';

const reminderPageSchema = listEnvelope(reminderSchema);
const unitPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}/reminders`;

/** 催报记录: the unit's reminders, newest first; the first is the latest (is today's sent?). */
export function listReminders(unitId: string, cursor: string | null, limit = 20): Promise<ListEnvelope<Reminder>> {
  return request('GET', unitPath(unitId), { query: { cursor, limit }, schema: reminderPageSchema });
}

/** 一键催报: every unreported member of the unit, once a day. 409 REMINDED_TODAY. */
export function remindUnit(unitId: string): Promise<Reminder> {
  return request('POST', unitPath(unitId), { schema: reminderSchema });
}

/** A district's 一键催报: every unit registered below the node; units reminded today are skipped. */
export function remindUnitsBelow(orgId: string): Promise<OrgRemindersResult> {
  return request('POST', `/api/orgs/${encodeURIComponent(orgId)}/reminders`, { schema: orgRemindersResultSchema });
}

/** `GET /api/exports/reminders.xlsx`: who one reminder went to, or every reminder of the unit. */
export function reminderExportUrl(unitId: string, reminderId?: string): string {
  return `${API_BASE}/api/exports/reminders.xlsx${toQueryString({ unitId, reminderId })}`;
}

/** 催报名单 of one reminder of `unitName`: saved by the browser on h5, opened in WeChat on weapp. */
export function downloadReminderList(reminder: Pick<Reminder, 'id' | 'unitId' | 'day'>, unitName: string): Promise<string> {
  return downloadSpreadsheet(reminderExportUrl(reminder.unitId, reminder.id), REMINDER_LEDGER_LABEL, `${unitName}-${reminder.day}`);
}
