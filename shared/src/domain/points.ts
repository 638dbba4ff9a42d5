import { RECORD_UNIT_MINUTES } from '../machines/record';

/** Points (积分): an append-only ledger, one row per source; the balance is their sum. */
export const LEDGER_SOURCES = ['record', 'wish', 'adjustment'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/** A verified half-hour of service earns this many points. */
export const POINTS_PER_UNIT = 5;
/** A completed wish earns its claimant this many. */
export const POINTS_PER_COMPLETED_WISH = 20;
/** Staff adjust by at most this much either way, with a reason. */
export const ADJUSTMENT_MAX = 100;

export const pointsForMinutes = (minutes: number) => Math.floor(minutes / RECORD_UNIT_MINUTES) * POINTS_PER_UNIT;
