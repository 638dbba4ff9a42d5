import { z } from 'zod';
import { defineMachine } from './machine';

/** Service records (服务记实): logged by a member, verified or rejected by community staff. */
export const RECORD_STATES = ['pending', 'verified', 'rejected'] as const;
export const recordStateSchema = z.enum(RECORD_STATES);
export type RecordState = z.infer<typeof recordStateSchema>;

export const RECORD_STATE_LABELS: Record<RecordState, string> = {
  pending: '待核实',
  verified: '已核实',
  rejected: '未通过',
};

/** `owner` is the member who logged it; staff never verify a record of their own (the server
 *  gives a person who is both only the `owner` actor on their own records). */
export const RECORD_ACTORS = ['owner', 'staff'] as const;
export type RecordActor = (typeof RECORD_ACTORS)[number];

export const recordMachine = defineMachine(RECORD_STATES, RECORD_ACTORS, {
  verify: { from: ['pending'], to: 'verified', actors: ['staff'] },
  reject: { from: ['pending'], to: 'rejected', actors: ['staff'] },
  // Editing sends a record back to pending; a verified record has been paid and stays as it is.
  edit: { from: ['pending', 'rejected'], to: 'pending', actors: ['owner'] },
});
export type RecordAction = keyof typeof recordMachine.transitions;

/** Hours count in half-hour units, at most 8 hours per record. */
export const RECORD_UNIT_MINUTES = 30;
export const RECORD_MAX_MINUTES = 8 * 60;

/** Minutes a session counts for: whole half-hours, rounded down. */
export function countedMinutes(startedAt: Date, endedAt: Date): number {
  const minutes = Math.floor((endedAt.getTime() - startedAt.getTime()) / 60_000);
  return Math.floor(minutes / RECORD_UNIT_MINUTES) * RECORD_UNIT_MINUTES;
}
