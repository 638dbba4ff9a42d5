import type { OpinionCategory, OpinionSource, Photo } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** The raise form as typed. */
export interface OpinionFormValues {
  /** 本人提出, or logged by a worker: 走访收集, 意见箱. */
  source: OpinionSource;
  /** Where a logged one goes (one of the worker's communities); one's own goes to one's home. */
  collectCommunityId: string | null;
  /** 小区, and 楼栋 within it: both optional. */
  compoundId: string | null;
  buildingId: string | null;
  category: OpinionCategory | null;
  title: string;
  description: string;
  /** One's own, for the holders to call back (private to them). */
  contactPhone: string;
  /** The person a logged one came from. */
  raisedByName: string;
  raisedByPhone: string;
}

export const EMPTY_OPINION: OpinionFormValues = {
  source: 'self',
  collectCommunityId: null,
  compoundId: null,
  buildingId: null,
  category: null,
  title: '',
  description: '',
  contactPhone: '',
  raisedByName: '',
  raisedByPhone: '',
};

/** What is kept of an unsent opinion: what was typed and the photos already uploaded. */
export interface OpinionDraft {
  values: OpinionFormValues;
  photos: Photo[];
  /** Kept with the form: sending it again after a lost answer must not raise it twice. */
  idempotencyKey: string;
}

const isOpinionDraft = (stored: unknown): stored is OpinionDraft =>
  hasTexts(stored, ['idempotencyKey']) &&
  hasTexts(stored.values, ['source', 'title', 'description', 'contactPhone', 'raisedByName', 'raisedByPhone']) &&
  Array.isArray(stored.photos);

export const opinionDrafts = formDrafts('huijia.opinionDraft', isOpinionDraft);

/** Nothing worth keeping: the source alone is a choice, not typing. */
export const isBlank = (values: OpinionFormValues) =>
  !values.title.trim() && !values.description.trim() && !values.category && !values.contactPhone.trim() &&
  !values.raisedByName.trim() && !values.raisedByPhone.trim() && !values.compoundId;
