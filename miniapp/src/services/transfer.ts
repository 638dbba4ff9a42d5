import { ERROR_MESSAGES } from '@huijia/shared';
import { goToLogin } from '../routes';
import { ApiError, isSessionEnded, renewSession } from './api';
import { clearSession, getSession } from './session';

/**
 * Runs a file transfer that `request` cannot make (wx.request sends neither multipart bodies nor
 * files) with the bearer token, renewing the session once on a 401 as `request` does. `attempt`
 * gets the Authorization header to send.
 */
export async function withToken<A extends { status: number }>(
  attempt: (header: { Authorization: string }) => Promise<A>,
  beforeRetry?: () => void,
): Promise<A> {
  const session = getSession();
  if (!session) {
    goToLogin();
    throw new ApiError(401, 'UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED);
  }
  let answer = await attempt({ Authorization: `Bearer ${session.accessToken}` });
  if (answer.status === 401) {
    try {
      const renewed = await renewSession(session.accessToken);
      beforeRetry?.();
      answer = await attempt({ Authorization: `Bearer ${renewed.accessToken}` });
    } catch (error) {
      if (isSessionEnded(error)) goToLogin();
      throw error;
    }
    if (answer.status === 401) {
      clearSession();
      goToLogin();
    }
  }
  return answer;
}
