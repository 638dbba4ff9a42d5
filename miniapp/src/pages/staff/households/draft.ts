import { formDrafts, hasTexts } from '../../../utils/draft';

/** What is kept of an unsent household registration, as typed. */
export interface HouseholdFormValues {
  name: string;
  needs: string;
  address: string;
  maxMembers: string;
}

const isHouseholdDraft = (stored: unknown): stored is HouseholdFormValues =>
  hasTexts(stored, ['name', 'needs', 'address', 'maxMembers']);

export const householdDrafts = formDrafts('huijia.householdDraft', isHouseholdDraft);
