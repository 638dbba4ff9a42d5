import type { Photo } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** What is kept of an unsent service record (a new one; an edit starts from the record itself). */
export interface RecordDraft {
  /** What the service was for, as `type:id` of the chosen source ('' when none was chosen). */
  source: string;
  times: { date: string; start: string; end: string };
  content: string;
  beneficiary: string;
  /** Photos already uploaded. */
  photos: Photo[];
}

const isRecordDraft = (stored: unknown): stored is RecordDraft =>
  hasTexts(stored, ['source', 'content', 'beneficiary']) &&
  typeof stored.times === 'object' &&
  stored.times !== null &&
  Array.isArray(stored.photos);

export const recordDrafts = formDrafts('huijia.recordDraft', isRecordDraft);

/** The key of a source in a draft. */
export const sourceKey = (source: { type: string; id?: string } | undefined): string =>
  source ? `${source.type}:${source.id ?? ''}` : '';
