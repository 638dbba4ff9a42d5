import { RECORD_SOURCE_LABELS, type ServiceRecord } from '@huijia/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/** 120 → 2 小时, 90 → 1.5 小时. */
export function formatHours(minutes: number): string {
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 小时`;
}

/** 2026-11-24, as the date Picker takes and gives it (local time). */
export function dateValue(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** 09:30, as the time Picker takes and gives it (local time). */
export function timeValue(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The instant of a local date and time, or null when either is not well formed. */
export function instantOf(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  return new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
}

/** 11月24日 09:30-11:30 */
export function formatSession(record: Pick<ServiceRecord, 'startedAt' | 'endedAt'>): string {
  const start = new Date(record.startedAt);
  const end = new Date(record.endedAt);
  return `${start.getMonth() + 1}月${start.getDate()}日 ${timeValue(start)}-${timeValue(end)}`;
}

/** 服务岗位 · 楼道文明监督岗 */
export function describeSource(source: ServiceRecord['source']): string {
  const label = RECORD_SOURCE_LABELS[source.type];
  return source.title ? `${label} · ${source.title}` : label;
}
