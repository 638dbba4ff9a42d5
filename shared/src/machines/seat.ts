import { z } from 'zod';
import { defineMachine } from './machine';

/** A member's seat on a service post (认岗): held until they leave or staff remove them. */
export const SEAT_STATES = ['active', 'left', 'removed'] as const;
export const seatStateSchema = z.enum(SEAT_STATES);
export type SeatState = z.infer<typeof seatStateSchema>;

export const SEAT_STATE_LABELS: Record<SeatState, string> = {
  active: '在岗',
  left: '已退岗',
  removed: '已移除',
};

export const SEAT_ACTORS = ['holder', 'staff'] as const;
export type SeatActor = (typeof SEAT_ACTORS)[number];

export const seatMachine = defineMachine(SEAT_STATES, SEAT_ACTORS, {
  leave: { from: ['active'], to: 'left', actors: ['holder'] },
  remove: { from: ['active'], to: 'removed', actors: ['staff'] },
});
export type SeatAction = keyof typeof seatMachine.transitions;
