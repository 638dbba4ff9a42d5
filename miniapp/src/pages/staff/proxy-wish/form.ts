import { type CreateWishBody, createWishBodySchema, onBehalfOfSchema } from '@huijia/shared';
import { checkForm, type FieldErrors } from '../../../utils/form';
import type { ProxyWishValues } from './draft';

export type ProxyField = 'name' | 'phone' | 'address' | 'title' | 'description' | 'category' | 'photoIds';
export const PROXY_FIELDS: readonly ProxyField[] = ['name', 'phone', 'address', 'title', 'description', 'category', 'photoIds'];

/**
 * The body of `POST /api/wishes` for a 代办 wish, checked by the schemas the server uses: the
 * resident's name, phone and address (`onBehalfOf`, which stand for the contact a resident gives
 * of themselves) and the wish; or a message per field.
 */
export function checkProxyWish(
  communityId: string,
  values: ProxyWishValues,
  photoIds: string[],
): { ok: true; data: CreateWishBody } | { ok: false; errors: FieldErrors<ProxyField> } {
  const resident = checkForm(onBehalfOfSchema, { name: values.name, phone: values.phone.trim(), address: values.address });
  const wish = checkForm(createWishBodySchema, {
    communityId,
    title: values.title,
    description: values.description,
    category: values.category ?? undefined,
    pioneerRole: values.pioneerRole ?? undefined,
    photoIds: photoIds.length > 0 ? photoIds : undefined,
    onBehalfOf: resident.ok ? resident.data : undefined,
  });
  if (resident.ok && wish.ok) return wish;
  const errors: FieldErrors<ProxyField> = {
    ...(resident.ok ? {} : resident.errors),
    ...(wish.ok ? {} : { title: wish.errors.title, description: wish.errors.description, photoIds: wish.errors.photoIds }),
  };
  // zod's message for a missing choice lists the codes; say what to do instead.
  if (!values.category) errors.category = '请选择心愿类别';
  return { ok: false, errors };
}

export const isBlank = (values: ProxyWishValues) =>
  !values.name.trim() && !values.phone.trim() && !values.address.trim() && !values.title.trim() &&
  !values.description.trim() && !values.category && !values.pioneerRole;
