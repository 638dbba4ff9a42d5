import {
  averageOf,
  completionRate,
  hoursOf,
  reportingRate,
  serviceRate,
  type Figures,
} from '@huijia/shared';

/** The counts one row of figures is made of, as SQL answers them (numbers or numeric strings). */
export interface Counts {
  expected?: number | string | null;
  /** Of the expected, those with no account yet. */
  without_account?: number | string | null;
  reported?: number | string | null;
  served?: number | string | null;
  collected?: number | string | null;
  claimed?: number | string | null;
  completed?: number | string | null;
  rating_sum?: number | string | null;
  rating_count?: number | string | null;
  posts?: number | string | null;
  seats?: number | string | null;
  minutes?: number | string | null;
  points?: number | string | null;
}

const n = (v: number | string | null | undefined) => Number(v ?? 0);

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
