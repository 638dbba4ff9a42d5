import { type CommunitySettings, communitySettingsSchema } from '@huijia/shared';
import { checkForm, type FieldErrors } from '../../../utils/form';

export type SettingsField = keyof CommunitySettings;
export const SETTINGS_FIELDS: readonly SettingsField[] = ['contactDays', 'fulfilDays', 'householdMaxMembers'];

/** The settings as typed: whole numbers in text fields. */
export type SettingsValues = Record<SettingsField, string>;

/** How each setting reads; its bounds are the schema's (communitySettingsSchema). */
const SETTINGS_LABELS: Record<SettingsField, { label: string; unit: string }> = {
  contactDays: { label: '联系期限', unit: '天' },
  fulfilDays: { label: '完成期限', unit: '天' },
  householdMaxMembers: { label: '每户结对上限', unit: '人' },
};

/** The least and the most a setting may be. */
export function boundsOf(field: SettingsField): { min: number; max: number } {
  const number = communitySettingsSchema.shape[field];
  return { min: number.minValue ?? 1, max: number.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** "联系期限为 1 到 60 天的整数". */
export function ruleText(field: SettingsField): string {
  const { label, unit } = SETTINGS_LABELS[field];
  const { min, max } = boundsOf(field);
  return `${label}为 ${min} 到 ${max} ${unit}的整数`;
}

export const valuesOf = (settings: CommunitySettings): SettingsValues => ({
  contactDays: String(settings.contactDays),
  fulfilDays: String(settings.fulfilDays),
  householdMaxMembers: String(settings.householdMaxMembers),
});

/** Whole numbers only: "7" is 7; "7.5", "", "七" are not numbers here. */
const wholeNumber = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The settings to send, checked by the schema the server uses, or a message per field saying its bounds. */
export function checkSettings(values: SettingsValues): { ok: true; data: CommunitySettings } | { ok: false; errors: FieldErrors<SettingsField> } {
  const checked = checkForm(communitySettingsSchema, {
    contactDays: wholeNumber(values.contactDays),
    fulfilDays: wholeNumber(values.fulfilDays),
    householdMaxMembers: wholeNumber(values.householdMaxMembers),
  });
  if (!checked.ok) {
    const errors: FieldErrors<SettingsField> = {};
    for (const field of SETTINGS_FIELDS) if (checked.errors[field]) errors[field] = ruleText(field);
    return { ok: false, errors };
  }
  return checked;
}

/** Whether anything differs from what is saved. */
export const changed = (values: SettingsValues, saved: CommunitySettings) =>
  SETTINGS_FIELDS.some((field) => wholeNumber(values[field]) !== saved[field]);
