import {
  averageOf,
  completionRate,
  hoursOf,
  reportingRate,
  serviceRate,
  type Figures,
} from '@huijia/shared';

/** A count as SQL answers it: a number, a numeric string (a bigint, a sum), or null (a sum of nothing). */
export type Count = number | string | null;

/** A count as a number; nothing counted is 0. */
export const countOf = (v: Count | undefined) => Number(v ?? 0);

/** The counts one row of figures is made of, as SQL answers them. */
export interface Counts {
  expected?: Count;
  /** Of the expected, those with no account yet. */
  without_account?: Count;
  reported?: Count;
  served?: Count;
  collected?: Count;
  claimed?: Count;
  completed?: Count;
  rating_sum?: Count;
  rating_count?: Count;
  posts?: Count;
  seats?: Count;
  minutes?: Count;
  points?: Count;
}

const n = countOf;

/** Counts to figures: every ratio by its definition in shared. */
export function figuresOf(c: Counts): Figures {
  return {
    rosterMembers: n(c.expected),
    expectedWithoutAccount: n(c.without_account),
    reported: n(c.reported),
    reportingRate: reportingRate(n(c.reported), n(c.expected)),
    served: n(c.served),
    serviceRate: serviceRate(n(c.served), n(c.reported)),
    wishesCollected: n(c.collected),
    wishesClaimed: n(c.claimed),
    wishesCompleted: n(c.completed),
    completionRate: completionRate(n(c.completed), n(c.collected)),
    averageRating: averageOf(n(c.rating_sum), n(c.rating_count)),
    posts: n(c.posts),
    seatsFilled: n(c.seats),
    verifiedHours: hoursOf(n(c.minutes)),
    points: n(c.points),
  };
}
