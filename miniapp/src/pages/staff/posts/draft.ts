import { PIONEER_ROLES, type PioneerRole } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** What is kept of an unpublished post, as typed (the dates as picked). */
export interface PostFormValues {
  title: string;
  description: string;
  pioneerRole: PioneerRole | null;
  capacity: string;
  schedule: string;
  location: string;
  startsOn: string;
  endsOn: string;
}

const TEXTS = ['title', 'description', 'capacity', 'schedule', 'location', 'startsOn', 'endsOn'];
const isRoleOrNone = (role: unknown) => role === null || (PIONEER_ROLES as readonly unknown[]).includes(role);

const isPostDraft = (stored: unknown): stored is PostFormValues =>
  hasTexts(stored, TEXTS) && isRoleOrNone(stored.pioneerRole);

export const postDrafts = formDrafts('huijia.postDraft', isPostDraft);
