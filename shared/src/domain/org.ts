import { z } from 'zod';

/** The levels of the organisation tree, top down: city > district (区/县) > street (街道) >
 *  community (社区) > compound (小区) > building (楼栋). */
export const ORG_KINDS = ['city', 'district', 'street', 'community', 'compound', 'building'] as const;
export const orgKindSchema = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  city: '市',
  district: '区/县',
  street: '街道',
  community: '社区',
  compound: '小区',
  building: '楼栋',
};

/** The kind a child of a node of `kind` has by default, or null for a leaf. */
export function childKindOf(kind: OrgKind): OrgKind | null {
  return ORG_KINDS[ORG_KINDS.indexOf(kind) + 1] ?? null;
}

/** The kinds a child of a node of `kind` may have: a city without districts (东莞, 中山) holds its
 *  streets directly. */
export function childKindsOf(kind: OrgKind): readonly OrgKind[] {
  const next = childKindOf(kind);
  if (next === null) return [];
  return kind === 'city' ? [next, 'street'] : [next];
}

/** The levels a tree file names, below the district (or a city without districts) it is imported
 *  into: one row per path `街道,社区,小区,楼栋`. */
export const IMPORTED_KINDS = ['street', 'community', 'compound', 'building'] as const satisfies readonly OrgKind[];

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '无效的编号');

export const orgNodeSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  kind: orgKindSchema,
  name: z.string().min(1).max(60),
  /** Materialised path of ids from the root, e.g. `/root/ab12/cd34/`. */
  path: z.string(),
  /** When it was archived (停用): it keeps its history and takes no new work. */
  archivedAt: z.string().nullable(),
});
export type OrgNode = z.infer<typeof orgNodeSchema>;
