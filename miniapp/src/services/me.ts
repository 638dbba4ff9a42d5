import { type ConsentBody, meSchema, type Me, type UpdateMeBody } from '@huijia/shared';
import { request } from './api';

/** The signed-in user with the roles held, pioneer roles, membership and report. */
export function getMe(): Promise<Me> {
  return request('GET', '/api/me', { schema: meSchema });
}

/** PUT, not PATCH (wx.request cannot send PATCH); the server takes both with partial bodies. */
export function updateMe(body: UpdateMeBody): Promise<Me> {
  return request('PUT', '/api/me', { body, schema: meSchema });
}

/** 同意: the account agrees to the 用户协议 and 隐私政策 (`POST /api/me/consent`). */
export async function agreeToTerms(): Promise<void> {
  const body: ConsentBody = { agreed: true };
  await request('POST', '/api/me/consent', { body });
}
