import type { Photo } from '@huijia/shared';
import { formDrafts } from '../../../utils/draft';

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

const isRecordDraft = (stored: unknown): stored is RecordDraft => {
  const draft = stored as Partial<RecordDraft> | null;
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.source === 'string' &&
    typeof draft.content === 'string' &&
    typeof draft.beneficiary === 'string' &&
    typeof draft.times === 'object' &&
    draft.times !== null &&
    Array.isArray(draft.photos)
  );
};

export const recordDrafts = formDrafts('huijia.recordDraft', isRecordDraft);

/** The key of a source in a draft. */
export const sourceKey = (source: { type: string; id?: string } | undefined): string =>
  source ? `${source.type}:${source.id ?? ''}` : '';
