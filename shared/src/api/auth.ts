import { z } from 'zod';
import { idSchema } from '../domain/org';
import { pioneerRoleSchema, roleGrantSchema } from '../domain/roles';
import { passwordSchema, personNameSchema, phoneSchema, userSchema } from '../domain/user';
import { myGridSchema } from './grid';
import { myReportSchema } from './reports';
import { smsCodeSchema } from './wechat';

/**
 * `POST /api/auth/register`: a resident account (the web build's sign-up). `smsCode`, from
 * `POST /api/auth/sms` with purpose `register`, proves the phone; the server wants it unless it is
 * configured not to (SMS_REQUIRED=0), and answers 400 naming `body.smsCode` when it is missing.
 */
/** Signing up, by password or by WeChat, takes agreeing to the 用户协议 and 隐私政策 (个人信息保护法). */
export const consentSchema = z.literal(true, { message: '请阅读并同意《用户协议》和《隐私政策》' });

export const registerBodySchema = z.object({
  agreed: consentSchema,
  phone: phoneSchema,
  password: passwordSchema,
  name: personNameSchema,
  communityId: idSchema.optional(),
  smsCode: smsCodeSchema.optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

/** `POST /api/auth/password/reset` (忘记密码): a code sent with purpose `reset` proves the phone. */
export const passwordResetBodySchema = z.object({
  phone: phoneSchema,
  smsCode: smsCodeSchema,
  newPassword: passwordSchema,
});
export type PasswordResetBody = z.infer<typeof passwordResetBodySchema>;

/** `POST /api/auth/password`. The password is only checked for presence: its rules apply to new ones. */
export const passwordLoginBodySchema = z.object({
  phone: phoneSchema,
  password: z.string().min(1, '请输入密码').max(128),
});
export type PasswordLoginBody = z.infer<typeof passwordLoginBodySchema>;

/** `POST /api/auth/wechat`: the code from `wx.login`. */
export const wechatLoginBodySchema = z.object({ code: z.string().min(1).max(128), agreed: consentSchema });
export type WechatLoginBody = z.infer<typeof wechatLoginBodySchema>;

export const refreshBodySchema = z.object({ refreshToken: z.string().min(10).max(200) });
export type RefreshBody = z.infer<typeof refreshBodySchema>;

/** What every sign-in answers. The access token lives 15 minutes; the refresh token rotates. */
export const sessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds the access token is valid for. */
  expiresIn: z.number().int(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** A role as `GET /api/me` shows it, with the name of where it applies. */
export const heldRoleSchema = roleGrantSchema.extend({ scopeName: z.string().optional() });
export type HeldRole = z.infer<typeof heldRoleSchema>;

/** The roster entry that makes someone a member (在职党员). */
export const membershipSchema = z.object({
  unitId: idSchema,
  unitName: z.string(),
  branch: z.string().nullable(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** `GET /api/me`. */
export const meSchema = z.object({
  user: userSchema,
  roles: z.array(heldRoleSchema),
  pioneerRoles: z.array(pioneerRoleSchema),
  member: membershipSchema.nullable(),
  /** The member's live report (else the latest), with the 报到证 once issued. */
  report: myReportSchema.nullable(),
  /** The member's grid branch and volunteer team (立体网格). */
  grid: myGridSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;

/** `PATCH /api/me` (also `PUT`: WeChat's request cannot send PATCH). */
export const updateMeBodySchema = z
  .object({
    name: personNameSchema,
    homeCommunityId: idSchema.nullable(),
    pioneerRoles: z.array(pioneerRoleSchema).max(5),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

/**
 * `POST /api/me/delete` (注销账号): the account's password when it has one (a WeChat-only account
 * has none). Staff and admins are refused until those above them revoke their roles.
 */
/** `POST /api/me/consent`: an account made without it agrees to the 用户协议 and 隐私政策. */
export const consentBodySchema = z.object({ agreed: consentSchema });
export type ConsentBody = z.infer<typeof consentBodySchema>;

export const deleteAccountBodySchema = z.object({ password: z.string().min(1).max(128).optional() });
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;
