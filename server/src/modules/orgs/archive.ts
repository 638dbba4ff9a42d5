import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ArchiveOrgBody, OrgNode } from '@huijia/shared';
import type { Db, Tx } from '../../db';
import { rowsOf } from '../../db/raw';
import { orgNodes } from '../../db/schema';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../users/actor';
import { findOrgNode, lockTree } from './repository';
import { toOrgNode } from './service';
import { lockManagedNode } from './tree';

/** What keeps a subtree from being archived: claims under way and reports waiting for staff. */
interface LiveWork {
  claimedWishes: number;
  fulfilledWishes: number;
  disputedWishes: number;
  pendingReports: number;
}

/**
 * The live work under `path`, counted with the rows that could change it locked until commit.
 * The subtree's nodes are locked first: a wish, post, report or household being added in one of
 * them holds its node (the foreign key's share lock), so the count waits for it and sees it. The
 * wishes that are or could become claims (published, claimed, fulfilled, disputed) and the pending
 * reports are locked too: a claim or a confirmation under way is waited for and counted, and none
 * commits between the count and the archive. Row locks, not a table lock: the rest of the city
 * keeps claiming while a district is archived.
 *
 * What this does not close: work checked against the node cache (getOpenCommunity) just before
 * the archive commits is added just after it, and a published wish stays claimable (a claim is
 * not a new wish); refusing those would take the check into each insert and into the claim.
 */
async function lockLiveWork(tx: Tx, path: string): Promise<LiveWork> {
  const under = `${path}%`;
  await tx.execute(sql`select id from org_nodes where path like ${under} order by id for update`);
  const [row] = await rowsOf<Record<keyof LiveWork, number | string>>(
    tx,
    sql`with communities as (select id from org_nodes where path like ${under} and kind = 'community'),
         wishes_held as (
           select status from wishes
           where community_id in (select id from communities) and status in ('published', 'claimed', 'fulfilled', 'disputed')
           for update),
         reports_held as (
           select id from reports where community_id in (select id from communities) and status = 'pending_offline'
           for update)
       select (select count(*) from wishes_held where status = 'claimed') as "claimedWishes",
              (select count(*) from wishes_held where status = 'fulfilled') as "fulfilledWishes",
              (select count(*) from wishes_held where status = 'disputed') as "disputedWishes",
              (select count(*) from reports_held) as "pendingReports"`,
  );
  return {
    claimedWishes: Number(row!.claimedWishes),
    fulfilledWishes: Number(row!.fulfilledWishes),
    disputedWishes: Number(row!.disputedWishes),
    pendingReports: Number(row!.pendingReports),
  };
}

const LIVE_WORK_WORDS: Record<keyof LiveWork, string> = {
  claimedWishes: '已认领未完成的心愿',
  fulfilledWishes: '待居民确认的心愿',
  disputedWishes: '有异议待处理的心愿',
  pendingReports: '待线下确认的报到',
};

/** What is still under way, in words an admin can act on (the app shows the server's message). */
function liveWorkMessage(live: LiveWork): string {
  const parts = (Object.keys(LIVE_WORK_WORDS) as (keyof LiveWork)[]).filter((k) => live[k] > 0).map((k) => `${live[k]} 个${LIVE_WORK_WORDS[k]}`);
  return `该节点下还有 ${parts.join('、')}，请先处理完毕再停用`;
}

/**
 * `POST /api/orgs/:id/archive` (停用): the node and its whole subtree take no new work and keep
 * their history and figures. Refused while claims or reports are under way there. Archiving an
 * archived node answers it as it is. Nodes below that were archived before keep their own date,
 * so restoring this one leaves them archived.
 */
export async function archiveOrgNode(db: Db, actor: Actor, id: number, body: ArchiveOrgBody): Promise<OrgNode> {
  return db.transaction(async (tx) => {
    // Exclusive: no node is added under it, nor is it moved, while it is marked by path.
    await lockTree(tx, 'exclusive');
    const { node } = await lockManagedNode(tx, actor, id);
    if (node.archivedAt !== null) return toOrgNode(node);
    const live = await lockLiveWork(tx, node.path);
    if (Object.values(live).some((n) => n > 0)) throw new AppError(409, 'ORG_HAS_LIVE_WORK', liveWorkMessage(live), live);
    const archived = await tx
      .update(orgNodes)
      .set({ archivedAt: sql`now()` })
      .where(and(sql`${orgNodes.path} like ${`${node.path}%`}`, isNull(orgNodes.archivedAt)))
      .returning({ id: orgNodes.id });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'org.archive',
      entity: 'org_node',
      entityId: node.id,
      to: 'archived',
      details: { name: node.name, reason: body.reason, nodes: archived.length },
      orgPath: node.path,
    });
    return toOrgNode((await findOrgNode(tx, node.id))!);
  });
}

/** The ids of a node's ancestors, from its path (`/1/7/12/` → 1, 7). */
const ancestorIds = (node: { id: number; path: string }) =>
  node.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== node.id);

/**
 * `POST /api/orgs/:id/restore`: the node and what was archived with it (the same moment) take work
 * again. Refused while a node above it is archived; restoring an open node answers it as it is.
 */
export async function restoreOrgNode(db: Db, actor: Actor, id: number): Promise<OrgNode> {
  return db.transaction(async (tx) => {
    await lockTree(tx, 'exclusive');
    const { node } = await lockManagedNode(tx, actor, id);
    if (node.archivedAt === null) return toOrgNode(node);
    const [closedAbove] = await tx
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(and(inArray(orgNodes.id, ancestorIds(node)), isNotNull(orgNodes.archivedAt)))
      .limit(1);
    if (closedAbove) throw new AppError(409, 'ORG_ARCHIVED', '上级节点已停用，请先恢复上级节点');
    // Compared in the database: a JavaScript date keeps milliseconds, the column microseconds.
    const restored = await tx
      .update(orgNodes)
      .set({ archivedAt: null })
      .where(and(sql`${orgNodes.path} like ${`${node.path}%`}`, sql`${orgNodes.archivedAt} = (select archived_at from org_nodes where id = ${node.id})`))
      .returning({ id: orgNodes.id });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'org.restore',
      entity: 'org_node',
      entityId: node.id,
      from: 'archived',
      details: { name: node.name, nodes: restored.length },
      orgPath: node.path,
    });
    return toOrgNode((await findOrgNode(tx, node.id))!);
  });
}
