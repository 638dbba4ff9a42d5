import { z } from 'zod';
import { idSchema } from '../domain/org';
import { PROJECT_CATEGORIES, PROJECT_LEAD_KINDS } from '../machines/project';

/** A month of the figures' period: `2026-11`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export type Month = z.infer<typeof monthSchema>;

/** How many months a period may span: a year and a half, enough for any annual review. */
export const MAX_PERIOD_MONTHS = 24;
/** Without `from`/`to`: the last twelve months, this one included. */
export const DEFAULT_PERIOD_MONTHS = 12;

/** Figures and ledgers are of a node of the tree (`orgId`) or of a unit (`unitId`), exactly one. */
const scopeFields = { orgId: idSchema.optional(), unitId: idSchema.optional() };
const hasOneScope = (q: { orgId?: string; unitId?: string }) => Boolean(q.orgId) !== Boolean(q.unitId);
const ONE_SCOPE = { message: '请指定一个节点（orgId）或一个单位（unitId）', path: ['orgId'] };

/**
 * `GET /api/stats/overview`: figures for a node of the tree (`orgId`) or a unit (`unitId`, for its
 * admins), over whole months `from`..`to` inclusive.
 */
export const statsQuerySchema = z
  .object({ ...scopeFields, from: monthSchema.optional(), to: monthSchema.optional() })
  .refine(hasOneScope, ONE_SCOPE)
  // The length (at most MAX_PERIOD_MONTHS) is checked once the period is filled in: see `periodOf`.
  .refine((q) => !(q.from && q.to) || q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['from'] });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** `?orgId=&from=&to=`: the figures and ledgers of a node over whole months, which are of a node of
 *  the tree only (民情, activities: units hold neither). */
export const nodePeriodQuerySchema = z
  .object({ orgId: idSchema, from: monthSchema.optional(), to: monthSchema.optional() })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['from'] });
export type NodePeriodQuery = z.infer<typeof nodePeriodQuerySchema>;

/**
 * The figures everybody watches (domain.md), for one node (or unit, or member) and one period.
 * Reporting is as of now; everything else counts what happened in the period.
 */
export const figuresSchema = z.object({
  /**
   * Members expected here (应报到): everyone on a roster, placed at one community by
   * `expectedCommunity` (domain/rolls.ts), with an account or not; a unit: its roster, not departed.
   */
  rosterMembers: z.number().int(),
  /** Of those, members with no account yet (on a roster, never signed up): expected all the same. */
  expectedWithoutAccount: z.number().int(),
  /** Of those, members with a confirmed report. */
  reported: z.number().int(),
  reportingRate: z.number(),
  /** Reported members with at least one verified service record in the period. */
  served: z.number().int(),
  serviceRate: z.number(),
  /** Wishes submitted in the period, and of those how many were claimed and completed so far. */
  wishesCollected: z.number().int(),
  wishesClaimed: z.number().int(),
  wishesCompleted: z.number().int(),
  completionRate: z.number(),
  /** Mean rating of the completed ones (1–5), null when none was rated. */
  averageRating: z.number().nullable(),
  /** Open posts now, and their seats held now. */
  posts: z.number().int(),
  seatsFilled: z.number().int(),
  /** Verified service in the period, in hours (to one decimal). */
  verifiedHours: z.number(),
  /** Points earned in the period (records, wishes and adjustments). */
  points: z.number().int(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const STATS_SUBJECT_KINDS = ['city', 'district', 'street', 'community', 'unit', 'member'] as const;
export const statsSubjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(STATS_SUBJECT_KINDS),
});
export type StatsSubject = z.infer<typeof statsSubjectSchema>;

export const statsRowSchema = statsSubjectSchema.extend({ figures: figuresSchema });
export type StatsRow = z.infer<typeof statsRowSchema>;

export const statsOverviewSchema = z.object({
  subject: statsSubjectSchema,
  period: z.object({ from: monthSchema, to: monthSchema }),
  figures: figuresSchema,
  /** One row per child node (a community: none; a unit: one per member on its roster). */
  children: z.array(statsRowSchema),
  /** Verified hours by month over the period, oldest first, every month present. */
  trend: z.array(z.object({ month: monthSchema, verifiedHours: z.number() })),
  /** When the reporting figures were last computed (they refresh every few minutes). */
  reportingAsOf: z.string(),
  /**
   * Units registered in this subtree whose members are expected nowhere: no live report, no known
   * home, and the unit paired with no community. Counted in no community's figures until one of
   * those changes; shown here so that they are not silently dropped.
   */
  unplaced: z.array(z.object({ unitId: z.string(), unitName: z.string(), members: z.number().int() })),
});
export type StatsOverview = z.infer<typeof statsOverviewSchema>;

const int = z.number().int();
const startedCompleted = z.object({ started: int, completed: int });
/** An object of one entry per key, each of the same shape: every key required. */
const perKey = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);

/**
 * `GET /api/stats/partnership?orgId=&from=&to=`: 结对共建 of a node and period, over the
 * agreements and projects of the communities under it (definitions: domain/figures.ts,
 * `PARTNERSHIP_FIGURES`).
 */
export const partnershipFiguresSchema = z.object({
  /** Accepted agreements in force on at least one day of the period. */
  agreementsActive: int,
  /** Agreements accepted (签订) in the period. */
  agreementsSigned: int,
  /** Projects published in the period (withdrawn ones too: they were published). */
  projectsPublished: int,
  /** Projects first claimed in the period (认领, 启动): a project counts once, however often it changed hands. */
  projectsStarted: int,
  /** Projects accepted as completed in the period. */
  projectsCompleted: int,
  /** Open, claimed or waiting for acceptance now, past their due date: as of today, whenever published. */
  projectsOverdueNow: int,
  /** By category: published, started and completed, as above. */
  byCategory: perKey(PROJECT_CATEGORIES, startedCompleted.extend({ published: int })),
  /**
   * By the kind of the lead a project has now: started and completed, as above. A project started
   * and handed back, open again, has no lead: it counts in `projectsStarted` and its category, here
   * nowhere.
   */
  byLeadKind: perKey(PROJECT_LEAD_KINDS, startedCompleted),
});
export type PartnershipFigures = z.infer<typeof partnershipFiguresSchema>;

/** A unit's part in a node's 结对共建: its agreements with the node's communities and the projects it leads there. */
export const partnershipUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Its accepted agreements with communities under the node in force on a day of the period. */
  agreementsActive: int,
  /** Projects of those communities it leads now, first claimed in the period, and completed in it. */
  projectsStarted: int,
  projectsCompleted: int,
});
export type PartnershipUnit = z.infer<typeof partnershipUnitSchema>;

export const partnershipStatsSchema = z.object({
  subject: statsSubjectSchema,
  period: z.object({ from: monthSchema, to: monthSchema }),
  figures: partnershipFiguresSchema,
  /** One row per child node. */
  children: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), figures: partnershipFiguresSchema })),
  /** Every unit with an agreement in force in the period or a project started or completed in it, under the node. */
  units: z.array(partnershipUnitSchema),
});
export type PartnershipStats = z.infer<typeof partnershipStatsSchema>;

/** The ledgers (台账) staff export: `GET /api/exports/:list.xlsx?orgId=`. */
export const EXPORT_LISTS = ['wishes', 'posts', 'records', 'reports', 'members', 'opinions', 'activities', 'partnership'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
export const EXPORT_LIST_LABELS: Record<ExportList, string> = {
  wishes: '微心愿台账',
  posts: '岗位与认岗台账',
  records: '服务记实台账',
  reports: '报到台账',
  members: '党员名册',
  opinions: '民情台账',
  activities: '活动台账',
  partnership: '共建台账',
};

/**
 * Ledgers of a period, as the figures are: a route of their own that also takes `from`..`to`
 * (`GET /api/exports/opinions.xlsx?orgId=&from=&to=`, the query of the figures they go with:
 * `nodePeriodQuerySchema`); without them, the last twelve months. Of
 * a node only. 民情台账: the opinions raised in the period; 活动台账: the activities starting in it;
 * 共建台账: the agreements in force or signed in it, and the projects open at some moment of it.
 */
export const PERIOD_EXPORT_LISTS = ['opinions', 'activities', 'partnership'] as const satisfies readonly ExportList[];
export type PeriodExportList = (typeof PERIOD_EXPORT_LISTS)[number];
/** The ledgers of everything under a node or a unit, whenever it happened. */
export type WholeExportList = Exclude<ExportList, PeriodExportList>;

/** Which ledgers a unit (`unitId`) exports: those of its members. Wishes and posts belong to communities. */
export const UNIT_EXPORT_LISTS = ['records', 'reports', 'members'] as const satisfies readonly ExportList[];
export type UnitExportList = (typeof UNIT_EXPORT_LISTS)[number];
export const isUnitExportList = (list: ExportList): list is UnitExportList => (UNIT_EXPORT_LISTS as readonly ExportList[]).includes(list);

export const exportParamsSchema = z.object({ list: z.enum(EXPORT_LISTS).exclude(PERIOD_EXPORT_LISTS) });

/**
 * `GET /api/exports/:list.xlsx`: the ledger of a node of the tree (`orgId`) or of a unit (`unitId`),
 * exactly one; parsed, it is the one given.
 */
export const exportQuerySchema = z
  .object(scopeFields)
  .refine(hasOneScope, ONE_SCOPE)
  .transform((q): { orgId: string } | { unitId: string } => (q.orgId ? { orgId: q.orgId } : { unitId: q.unitId! }));
export type ExportQuery = z.input<typeof exportQuerySchema>;
