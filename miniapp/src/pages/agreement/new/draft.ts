import { AGREEMENT_RESOURCES, type AgreementResource } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** The propose form as typed. */
export interface AgreementFormValues {
  unitId: string | null;
  /** `YYYY-MM-DD`. */
  startsOn: string;
  endsOn: string;
  content: string;
  resources: AgreementResource[];
}

const isAgreementDraft = (stored: unknown): stored is AgreementFormValues =>
  hasTexts(stored, ['startsOn', 'endsOn', 'content']) &&
  Array.isArray(stored.resources) &&
  stored.resources.every((r) => (AGREEMENT_RESOURCES as readonly unknown[]).includes(r)) &&
  (stored.unitId === null || typeof stored.unitId === 'string');

/** One draft per phone, kept as the staff member's in one community (`ScopeChoice.draftOwner`). */
export const agreementDrafts = formDrafts('huijia.agreementDraft', isAgreementDraft);

/** Nothing worth keeping: the preset term is not typing. */
export const isBlank = (values: AgreementFormValues) => !values.unitId && !values.content.trim() && values.resources.length === 0;
