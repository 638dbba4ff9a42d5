import type { ActivityKind, PioneerRole } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** The publish form as typed. */
export interface ActivityFormValues {
  /** Which of the user's organiser choices (`OrganiserChoice.key`). */
  organiserKey: string | null;
  /** The community, chosen among a unit's pairings (the others have theirs). */
  communityId: string | null;
  kind: ActivityKind | null;
  title: string;
  description: string;
  pioneerRole: PioneerRole | null;
  location: string;
  /** YYYY-MM-DD, and HH:mm in half-hour steps, the phone's time. */
  date: string;
  start: string;
  end: string;
  /** As typed: a whole number of places. */
  capacity: string;
  /** 也向本单位党员开放: a unit's activity only. */
  openToUnit: boolean;
}

/** What is kept of an unpublished activity. */
export interface ActivityDraft {
  values: ActivityFormValues;
  /** Kept with the form: sending it again after a lost answer must not publish it twice. */
  idempotencyKey: string;
}

const isActivityDraft = (stored: unknown): stored is ActivityDraft =>
  hasTexts(stored, ['idempotencyKey']) && hasTexts(stored.values, ['title', 'description', 'location', 'date', 'start', 'end', 'capacity']);

export const activityDrafts = formDrafts('huijia.activityDraft', isActivityDraft);

/** Nothing worth keeping: the choices preset by the form are not typing. */
export const isBlank = (values: ActivityFormValues) =>
  !values.title.trim() && !values.description.trim() && !values.location.trim() && !values.capacity.trim() && !values.kind && !values.pioneerRole;
