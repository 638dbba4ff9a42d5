import { z } from 'zod';
import { pioneerRoleSchema } from './roles';

/** A mainland China mobile number: 11 digits starting 1[3-9]. */
export const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入有效的手机号');
export const passwordSchema = z.string().min(8, '密码至少 8 位').max(128, '密码过长');
export const personNameSchema = z.string().trim().min(1, '请输入姓名').max(30, '姓名过长');

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  homeCommunityId: z.string().nullable(),
  pioneerRoles: z.array(pioneerRoleSchema),
  createdAt: z.string(),
  /** After an admin's password reset: nothing else works until a new password is chosen. */
  mustChangePassword: z.boolean(),
  /**
   * The account has not agreed to the 用户协议 and 隐私政策 (made by an admin, or before they were
   * asked at sign-up): the app asks before anything else (个人信息保护法).
   */
  consentNeeded: z.boolean().default(false),
});
export type User = z.infer<typeof userSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A resident scores a community's post holders (评岗) once they have lived there this long. A home
 * community is declared, not proven: without the wait, anyone could declare any community home
 * and score its holders at once.
 */
export const RESIDENT_EVALUATES_AFTER_DAYS = 30;
export const mayEvaluateAsResident = (homeSince: Date | null, now: Date): boolean =>
  homeSince !== null && now.getTime() - homeSince.getTime() >= RESIDENT_EVALUATES_AFTER_DAYS * DAY_MS;

/** 王小明 → 王**: how residents appear to people not entitled to their name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
