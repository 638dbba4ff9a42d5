import { and, asc, eq, inArray, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import { reportMachine, type ReportEndReason } from '@huijia/shared';
import type { Tx } from '../../db';
import { gridGroups, gridMembers, households, orgNodes, pairings, postSeats, posts, reports, users, wishClaims, wishes } from '../../db/schema';
import { arrayLiteral } from '../../db/statement';
import { recordAudits } from '../audit/audit';
import { notifyEach, type NotificationDraft } from '../notifications/notify';
import { staffOf } from '../users/grants';
import { wishMessages } from '../wishes/messages';
import type { ReportRow } from './repository';

/** A report that ended, and what its member handed back in its community with it. */
export interface EndedReport {
  id: number;
  memberId: number;
  communityId: number;
  communityName: string;
  seats: number;
  pairings: number;
  claims: number;
}

export interface EndedReports {
  /** By member: a member has at most one live report. */
  byMember: Map<number, EndedReport>;
  /** Communities whose wishes went back to published: their halls are read again. */
  wishCommunities: number[];
}

/** `column = any(ids)`: one parameter however many ids (a departure may carry a thousand). */
const anyOf = (column: SQLWrapper, ids: readonly number[]) => sql`${column} = any(${arrayLiteral(ids)}::bigint[])`;

/** How many times each key occurs. */
function tally<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Ends live reports, in the caller's transaction, and with each what its member held in that
 * community (issue 17: posts, pairings and claims end or are handed back with the report):
 * - post seats are left, and each post's seat count falls, as when a holder leaves;
 * - pairings end, and each household's count of active pairings falls, as when one is ended;
 * - claims of wishes not yet fulfilled go back to published, as when a claim is given back or
 *   lapses; the resident and the community's staff are told. A fulfilled wish keeps its claimant:
 *   the work is done and its confirmation still pays them;
 * - they leave the community's grid branch and volunteer team, as when staff take them out; a group
 *   they led has no leader (nor, for a branch, a holder of 建议 in it) until staff choose one, and
 *   staff are told.
 * Each change has its audit row. `reason` says why (离开名册 ends a pending report too, see
 * reportMachine `depart`); a report no longer live when its row is locked is skipped (another change
 * ended it first). The members themselves are not told here: what they hear depends on who ended
 * it and why, so the caller tells them, from what this answers.
 */
export async function endReports(tx: Tx, reportIds: readonly number[], reason: ReportEndReason, actorId: number | null, now: Date): Promise<EndedReports> {
  const ended: EndedReports = { byMember: new Map(), wishCommunities: [] };
  if (reportIds.length === 0) return ended;
  const transition = reportMachine.transitions[reason === 'departed' ? 'depart' : 'end'];
  const live = await tx
    .select({ id: reports.id, memberId: reports.memberId, status: reports.status, communityId: reports.communityId, communityName: orgNodes.name, communityPath: orgNodes.path, memberName: users.name })
    .from(reports)
    .innerJoin(orgNodes, eq(orgNodes.id, reports.communityId))
    .innerJoin(users, eq(users.id, reports.memberId))
    .where(and(anyOf(reports.id, reportIds), inArray(reports.status, [...transition.from])))
    .orderBy(asc(reports.id))
    .for('update', { of: reports });
  if (live.length === 0) return ended;
  await tx
    .update(reports)
    .set({ status: transition.to, endedAt: now, endReason: reason })
    .where(anyOf(reports.id, live.map((r) => r.id)));

  const pathOf = new Map(live.map((r) => [r.communityId, r.communityPath]));
  const nameOf = new Map(live.map((r) => [r.memberId, r.memberName]));
  const members = live.map((r) => r.memberId);
  // What a member holds in the community of their report, and only there: (member, community) pairs.
  const heldThere = (member: SQLWrapper, community: SQLWrapper) =>
    and(
      anyOf(member, members),
      sql`(${member}, ${community}) in (select * from unnest(${arrayLiteral(members)}::bigint[], ${arrayLiteral(live.map((r) => r.communityId))}::bigint[]))`,
    );
  const audits: Parameters<typeof recordAudits>[1][number][] = live.map((r) => ({
    actorId,
    action: 'report.end',
    entity: 'report',
    entityId: r.id,
    from: r.status,
    to: transition.to,
    details: { reason },
    orgPath: r.communityPath,
  }));
  const messages: (NotificationDraft & { userId: number })[] = [];
  const staffCache = new Map<number, Promise<number[]>>();
  const staffHere = (communityId: number) => {
    if (!staffCache.has(communityId)) staffCache.set(communityId, staffOf(tx, communityId));
    return staffCache.get(communityId)!;
  };

  const seats = await tx
    .update(postSeats)
    .set({ status: 'left', endedAt: now })
    .from(posts)
    .where(and(eq(posts.id, postSeats.postId), eq(postSeats.status, 'active'), heldThere(postSeats.memberId, posts.communityId)))
    .returning({ id: postSeats.id, postId: postSeats.postId, memberId: postSeats.memberId, communityId: posts.communityId });
  const seatsPerPost = tally(seats, (s) => s.postId);
  if (seatsPerPost.size > 0) {
    await tx.execute(sql`
      update posts p set seats_taken = p.seats_taken - x.n
        from unnest(${arrayLiteral([...seatsPerPost.keys()])}::bigint[], ${arrayLiteral([...seatsPerPost.values()])}::int[]) as x(id, n)
       where p.id = x.id`);
  }
  for (const s of seats) {
    audits.push({ actorId, action: 'post.leave', entity: 'post_seat', entityId: s.id, from: 'active', to: 'left', details: { reportEnded: reason }, orgPath: pathOf.get(s.communityId)! });
  }

  const paired = await tx
    .update(pairings)
    .set({ status: 'ended', endedAt: now })
    .from(households)
    .where(and(eq(households.id, pairings.householdId), eq(pairings.status, 'active'), heldThere(pairings.memberId, households.communityId)))
    .returning({ id: pairings.id, householdId: pairings.householdId, memberId: pairings.memberId, communityId: households.communityId, needs: households.needs });
  const pairingsPerHousehold = tally(paired, (p) => p.householdId);
  if (pairingsPerHousehold.size > 0) {
    await tx.execute(sql`
      update households h set active_pairings = h.active_pairings - x.n
        from unnest(${arrayLiteral([...pairingsPerHousehold.keys()])}::bigint[], ${arrayLiteral([...pairingsPerHousehold.values()])}::int[]) as x(id, n)
       where h.id = x.id`);
  }
  for (const p of paired) {
    audits.push({ actorId, action: 'pairing.end', entity: 'pairing', entityId: p.id, from: 'active', to: 'ended', details: { reportEnded: reason }, orgPath: pathOf.get(p.communityId)! });
    // A household in difficulty has lost its member: staff find it another.
    for (const userId of await staffHere(p.communityId)) {
      messages.push({
        userId,
        kind: 'pairing.ended',
        title: '结对帮扶已结束',
        body: `党员${nameOf.get(p.memberId)}已结束在本社区的报到，与困难群众的结对已结束，请重新安排：${p.needs.slice(0, 20)}`,
        entity: 'household',
        entityId: p.householdId,
      });
    }
  }

  const ungridded = await tx
    .delete(gridMembers)
    .where(heldThere(gridMembers.memberId, gridMembers.communityId))
    .returning({ groupId: gridMembers.groupId, memberId: gridMembers.memberId, communityId: gridMembers.communityId });
  const leaderless = ungridded.length
    ? await tx
        .update(gridGroups)
        .set({ leaderId: null })
        .where(
          sql`(${gridGroups.id}, ${gridGroups.leaderId}) in (select * from unnest(${arrayLiteral(ungridded.map((g) => g.groupId))}::bigint[], ${arrayLiteral(ungridded.map((g) => g.memberId))}::bigint[]))`,
        )
        .returning({ id: gridGroups.id, name: gridGroups.name, communityId: gridGroups.communityId })
    : [];
  const ledGroups = new Set(leaderless.map((g) => g.id));
  for (const g of ungridded) {
    const details = { memberId: g.memberId, reportEnded: reason, ...(ledGroups.has(g.groupId) ? { leaderId: null } : {}) };
    audits.push({ actorId, action: 'grid.unassign', entity: 'grid_group', entityId: g.groupId, details, orgPath: pathOf.get(g.communityId)! });
  }
  for (const g of leaderless) {
    for (const userId of await staffHere(g.communityId)) {
      messages.push({ userId, kind: 'grid.leader_gone', title: '网格负责人已离开', body: `「${g.name}」的负责人已结束在本社区的报到，请在网格管理中重新指定负责人`, entity: 'grid_group', entityId: g.id });
    }
  }

  // Locked in id order, as the claim batches lock them (db/batch.ts), so that neither waits on the other in a circle.
  const claimed = await tx
    .select({ id: wishes.id, title: wishes.title, residentId: wishes.residentId, communityId: wishes.communityId, claimantId: wishes.claimantId })
    .from(wishes)
    .where(and(eq(wishes.status, 'claimed'), heldThere(wishes.claimantId, wishes.communityId)))
    .orderBy(asc(wishes.id))
    .for('update');
  if (claimed.length > 0) {
    const ids = claimed.map((w) => w.id);
    await tx
      .update(wishes)
      .set({ status: 'published', claimantId: null, claimedAt: null, contactedAt: null, contactDueAt: null, fulfilDueAt: null, updatedAt: now })
      .where(anyOf(wishes.id, ids));
    await tx.update(wishClaims).set({ releasedAt: now, releaseReason: 'report_ended' }).where(and(anyOf(wishClaims.wishId, ids), isNull(wishClaims.releasedAt)));
    for (const w of claimed) {
      audits.push({ actorId, action: 'wish.release', entity: 'wish', entityId: w.id, from: 'claimed', to: 'published', details: { reason: 'report_ended', claimantId: w.claimantId }, orgPath: pathOf.get(w.communityId)! });
      messages.push({ userId: w.residentId, ...wishMessages.claimantGone(w.title), entity: 'wish', entityId: w.id });
      for (const userId of await staffHere(w.communityId)) {
        messages.push({ userId, ...wishMessages.claimantGoneForStaff(w.title, nameOf.get(w.claimantId!)!), entity: 'wish', entityId: w.id });
      }
    }
    ended.wishCommunities = [...new Set(claimed.map((w) => w.communityId))];
  }

  await recordAudits(tx, audits);
  await notifyEach(tx, messages);
  const seatsOf = tally(seats, (s) => s.memberId);
  const pairingsOf = tally(paired, (p) => p.memberId);
  const claimsOf = tally(claimed, (w) => w.claimantId!);
  for (const r of live) {
    ended.byMember.set(r.memberId, {
      id: r.id,
      memberId: r.memberId,
      communityId: r.communityId,
      communityName: r.communityName,
      seats: seatsOf.get(r.memberId) ?? 0,
      pairings: pairingsOf.get(r.memberId) ?? 0,
      claims: claimsOf.get(r.memberId) ?? 0,
    });
  }
  return ended;
}

/** What a member handed back with their report, as a clause: `，2 个岗位、1 户结对已交回社区。`, else `end`. */
export function handedBackText(ended: EndedReport, end: string): string {
  const handedBack = [ended.seats > 0 && `${ended.seats} 个岗位`, ended.pairings > 0 && `${ended.pairings} 户结对`, ended.claims > 0 && `${ended.claims} 个认领的心愿`].filter(Boolean);
  return handedBack.length > 0 ? `，${handedBack.join('、')}已交回社区。` : end;
}

/**
 * What the confirmation of a transfer does besides confirming it, in its transaction: the old
 * report ends (转移报到), handing back what its member held in the old community; its staff hear it.
 * The caller has locked the old report before the new one (id order, as `endReport` locks them).
 */
export async function completeTransfer(tx: Tx, actorId: number, row: ReportRow, now: Date): Promise<EndedReports> {
  const ended = await endReports(tx, [row.report.transferOf!], 'transferred', actorId, now);
  const old = ended.byMember.get(row.report.memberId);
  if (old) {
    const staff = await staffOf(tx, old.communityId);
    await notifyEach(
      tx,
      staff.map((userId) => ({
        userId,
        kind: 'report.ended',
        title: '党员已转移报到',
        body: `党员${row.memberName}已转到${row.communityName}报到，在本社区的报到结束${handedBackText(old, '。')}`,
        entity: 'report',
        entityId: old.id,
      })),
    );
  }
  return ended;
}
