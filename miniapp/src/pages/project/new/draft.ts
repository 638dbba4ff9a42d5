import { AGREEMENT_RESOURCES, type AgreementResource, PROJECT_CATEGORIES, type ProjectCategory } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** The publish form as typed. */
export interface ProjectFormValues {
  category: ProjectCategory | null;
  title: string;
  description: string;
  needs: AgreementResource[];
  /** `YYYY-MM-DD`, '' until chosen. */
  dueOn: string;
}

const isProjectDraft = (stored: unknown): stored is ProjectFormValues =>
  hasTexts(stored, ['title', 'description', 'dueOn']) &&
  Array.isArray(stored.needs) &&
  stored.needs.every((n) => (AGREEMENT_RESOURCES as readonly unknown[]).includes(n)) &&
  (stored.category === null || (PROJECT_CATEGORIES as readonly unknown[]).includes(stored.category));

/** One draft per phone, kept as the staff member's in one community (`ScopeChoice.draftOwner`). */
export const projectDrafts = formDrafts('huijia.projectDraft', isProjectDraft);

export const blankProject = (): ProjectFormValues => ({ category: null, title: '', description: '', needs: [], dueOn: '' });

/** Nothing worth keeping. */
export const isBlank = (v: ProjectFormValues) => !v.category && !v.title.trim() && !v.description.trim() && v.needs.length === 0 && !v.dueOn;
