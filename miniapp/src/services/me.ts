import { meSchema, type Me, type UpdateMeBody } from '@huijia/shared';
import { request } from './api';

/** The signed-in user with the roles held, pioneer roles, membership and report. */
export function getMe(): Promise<Me> {
  return request('GET', '/api/me', { schema: meSchema });
}

/** PUT, not PATCH (wx.request cannot send PATCH); the server takes both with partial bodies. */
export function updateMe(body: UpdateMeBody): Promise<Me> {
  return request('PUT', '/api/me', { body, schema: meSchema });
}
