import { healthSchema, type Health } from '@huijia/shared';
import { request } from './api';

/** The server's and its database's state; a 503 still answers with which part is down. */
export function getHealth(): Promise<Health> {
  return request('GET', '/api/health', {
    schema: healthSchema,
    answerStatuses: [503],
    anonymous: true,
  });
}
