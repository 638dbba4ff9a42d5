import { z } from 'zod';

/** `?limit=&cursor=` of every list (api.md): keyset pagination, never offsets. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** `{ items, nextCursor }`: the envelope of every list answer. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type ListEnvelope<T> = { items: T[]; nextCursor: string | null };

/** A page read only to count its items (the home page's counts): their ids, nothing else parsed. */
export const countedPageSchema = listEnvelope(z.object({ id: z.string() }));
