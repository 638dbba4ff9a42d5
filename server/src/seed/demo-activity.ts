import { pointsForMinutes, POINTS_PER_COMPLETED_WISH, type PioneerRole, type WishCategory, type WishState } from '@huijia/shared';
import type { Tx } from '../db';
import { recordMessages } from '../modules/records/messages';
import { wishMessages, type WishMessage } from '../modules/wishes/messages';
import { households, notifications, pairings, pointsLedger, postSeats, posts, serviceRecords, wishClaims, wishes } from '../db/schema';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Who and where the demo activity happens: ids of the people and communities seeded before it. */
export interface DemoCast {
  community: (name: string) => number;
  person: (name: string) => number;
  phone: (name: string) => string;
  staffOf: (community: string) => number;
}

type WishPlan = { resident: string; community: string; title: string; description: string; category: WishCategory; state: WishState; claimant?: string; rating?: number };

/** Wishes in every state of the machine (微心愿). */
const WISHES: WishPlan[] = [
  { resident: '王秀兰', community: '龙津社区', title: '帮忙更换厨房灯泡', description: '厨房顶灯坏了，家里没人够得着，想请人帮忙换一下。', category: 'repair', state: 'pending_review' },
  { resident: '陈阿婆', community: '龙津社区', title: '陪同去医院复查', description: '下周二要去市一院复查，子女在外地，想请人陪同。', category: 'health', state: 'published' },
  { resident: '王秀兰', community: '龙津社区', title: '辅导孙子数学作业', description: '孙子读五年级，数学跟不上，希望每周能辅导一次。', category: 'study', state: 'claimed', claimant: '李志远' },
  { resident: '陈阿婆', community: '龙津社区', title: '帮忙网上缴纳水电费', description: '不会用手机缴费，想请人教一教。', category: 'daily_life', state: 'fulfilled', claimant: '赵雪梅' },
  { resident: '王秀兰', community: '龙津社区', title: '周末陪老人聊聊天', description: '老伴走后一个人在家，想有人来坐坐、说说话。', category: 'companionship', state: 'completed', claimant: '李志远', rating: 5 },
  { resident: '陈阿婆', community: '龙津社区', title: '修理漏水的水龙头', description: '卫生间水龙头一直滴水。', category: 'repair', state: 'disputed', claimant: '赵雪梅', rating: 2 },
  { resident: '王秀兰', community: '龙津社区', title: '代买一箱牛奶', description: '想买一箱牛奶。', category: 'other', state: 'rejected' },
  { resident: '陈阿婆', community: '龙津社区', title: '帮忙搬一张旧沙发', description: '旧沙发要搬到楼下。', category: 'daily_life', state: 'withdrawn' },
  { resident: '杨德福', community: '中山社区', title: '教我用智能手机视频通话', description: '想和外地的女儿视频，不会操作。', category: 'study', state: 'published' },
  { resident: '杨德福', community: '中山社区', title: '帮忙修自行车', description: '自行车链条掉了。', category: 'repair', state: 'completed', claimant: '孙浩然', rating: 4 },
];

type PostPlan = { community: string; title: string; description: string; role: PioneerRole; capacity: number; schedule: string; location: string; holders: string[] };

/** A post of each pioneer role (五个先锋), with holders and their commitments (认岗书). */
const POSTS: PostPlan[] = [
  { community: '龙津社区', title: '楼道文明监督岗', description: '每周巡查楼道卫生、消防通道和堆放杂物，劝导不文明行为。', role: 'model_resident', capacity: 3, schedule: '每周六 9:00-11:00', location: '阳光花园', holders: ['李志远', '赵雪梅'] },
  { community: '龙津社区', title: '社情民意收集员', description: '走访楼栋，收集居民意见建议，每月汇总报社区。', role: 'sentiment', capacity: 2, schedule: '每月第一周', location: '龙津社区各小区', holders: ['赵雪梅'] },
  { community: '中山社区', title: '医保政策宣讲员', description: '向居民讲解医保报销、家庭医生签约等政策。', role: 'policy', capacity: 2, schedule: '每月 15 日下午', location: '中山社区党群服务中心', holders: ['孙浩然', '周佳怡'] },
  { community: '中山社区', title: '邻里纠纷调解员', description: '协助社区调解邻里矛盾，做好记录和回访。', role: 'mediation', capacity: 2, schedule: '随叫随到', location: '中山社区调解室', holders: ['周佳怡'] },
  { community: '莲东社区', title: '敬老院志愿服务', description: '每月到辖区敬老院陪伴老人、打扫卫生。', role: 'volunteer', capacity: 5, schedule: '每月最后一个周日', location: '莲东敬老院', holders: ['钱文博'] },
];

type Message = { to: number[]; entity: string; entityId: number; at: Date; read: boolean } & WishMessage;

const WISH_REJECT_REASON = '属于商业代购，不属于微心愿范围';
const RECORD_REJECT_REASON = '与敬老院核实，当天服务时间为半天，请修改后重新提交。';

/** What the flows would have told each person of a demo wish by now, worded as the wish service words it. */
function messagesOfWish(
  w: WishPlan,
  cast: DemoCast,
  id: number,
  at: { created: Date; reviewed: Date | null; claimed: Date | null; fulfilled: Date | null },
): Message[] {
  const resident = [cast.person(w.resident)];
  const claimant = w.claimant ? [cast.person(w.claimant)] : [];
  const staff = [cast.staffOf(w.community)];
  const about = { entity: 'wish', entityId: id };
  switch (w.state) {
    case 'pending_review':
      return [{ to: staff, ...wishMessages.submitted(w.title), ...about, at: at.created, read: false }];
    case 'rejected':
      return [{ to: resident, ...wishMessages.rejected(w.title, WISH_REJECT_REASON), ...about, at: at.reviewed!, read: true }];
    case 'claimed':
      return [{ to: resident, ...wishMessages.claimed(w.title, w.claimant ?? null), ...about, at: at.claimed!, read: false }];
    case 'fulfilled':
      return [{ to: resident, ...wishMessages.fulfilled(w.title), ...about, at: at.fulfilled!, read: false }];
    case 'completed':
      return [{ to: claimant, ...wishMessages.completed(w.title, w.rating!), ...about, at: at.fulfilled!, read: true }];
    case 'disputed':
      return [{ to: [...staff, ...claimant], ...wishMessages.disputed(w.title, w.rating!), ...about, at: at.fulfilled!, read: false }];
    default:
      return [];
  }
}

const COMMITMENT = '我自愿认领此岗位，按时参加服务，接受社区和群众监督。';

/** Loads the demo's wishes, posts, service records, points and pairings. */
export async function seedDemoActivity(tx: Tx, cast: DemoCast, now: Date): Promise<void> {
  const at = (daysAgo: number, hour = 9) => new Date(now.getTime() - daysAgo * DAY + (hour - 9) * HOUR);
  let day = 30;
  const messages: Message[] = [];
  for (const w of WISHES) {
    const created = at(day--);
    const reviewed = ['pending_review', 'withdrawn'].includes(w.state) ? null : new Date(created.getTime() + 3 * HOUR);
    const claimed = w.claimant ? new Date(created.getTime() + DAY) : null;
    const fulfilled = ['fulfilled', 'completed', 'disputed'].includes(w.state) && claimed ? new Date(claimed.getTime() + 2 * DAY) : null;
    const [row] = await tx
      .insert(wishes)
      .values({
        communityId: cast.community(w.community),
        residentId: cast.person(w.resident),
        title: w.title,
        description: w.description,
        category: w.category,
        contactPhone: cast.phone(w.resident),
        address: `阳光花园 1 栋 ${301 + (day % 5)} 室`,
        status: w.state,
        rejectReason: w.state === 'rejected' ? WISH_REJECT_REASON : null,
        reviewedAt: reviewed,
        claimantId: w.claimant ? cast.person(w.claimant) : null,
        claimedAt: claimed,
        contactedAt: claimed,
        contactDueAt: claimed && w.state === 'claimed' ? new Date(claimed.getTime() + 7 * DAY) : null,
        fulfilDueAt: claimed && w.state === 'claimed' ? new Date(claimed.getTime() + 30 * DAY) : null,
        fulfilledAt: fulfilled,
        fulfilNote: fulfilled ? '已上门完成，居民当面确认。' : null,
        rating: w.rating ?? null,
        comment: w.rating ? (w.rating > 2 ? '非常感谢，党员同志很热心！' : '水龙头还在滴水。') : null,
        completedAt: w.state === 'completed' ? fulfilled : null,
        disputedAt: w.state === 'disputed' ? fulfilled : null,
        createdAt: created,
        updatedAt: fulfilled ?? claimed ?? reviewed ?? created,
      })
      .returning({ id: wishes.id });
    if (w.claimant && claimed) {
      const live = ['claimed', 'fulfilled', 'disputed'].includes(w.state);
      await tx.insert(wishClaims).values({ wishId: row!.id, memberId: cast.person(w.claimant), claimedAt: claimed, releasedAt: live ? null : fulfilled, releaseReason: live ? null : 'completed' });
    }
    messages.push(...messagesOfWish(w, cast, row!.id, { created, reviewed, claimed, fulfilled }));
    if (w.state === 'completed' && w.claimant) {
      await tx.insert(pointsLedger).values({
        memberId: cast.person(w.claimant),
        communityId: cast.community(w.community),
        source: 'wish',
        sourceId: row!.id,
        points: POINTS_PER_COMPLETED_WISH,
        reason: `完成心愿「${w.title}」`,
        createdAt: fulfilled!,
      });
    }
  }

  const postIds = new Map<string, number>();
  for (const p of POSTS) {
    const [row] = await tx
      .insert(posts)
      .values({
        communityId: cast.community(p.community),
        title: p.title,
        description: p.description,
        pioneerRole: p.role,
        capacity: p.capacity,
        seatsTaken: p.holders.length,
        schedule: p.schedule,
        location: p.location,
        startsOn: at(60).toISOString().slice(0, 10),
        endsOn: at(-300).toISOString().slice(0, 10),
        createdBy: cast.staffOf(p.community),
      })
      .returning({ id: posts.id });
    postIds.set(p.title, row!.id);
    for (const holder of p.holders) {
      await tx.insert(postSeats).values({ postId: row!.id, memberId: cast.person(holder), commitment: COMMITMENT, claimedAt: at(50) });
    }
  }

  // Service records in each state; the verified ones paid into the ledger.
  const records: { member: string; post: string; daysAgo: number; hours: number; status: 'verified' | 'pending' | 'rejected'; content: string }[] = [
    { member: '李志远', post: '楼道文明监督岗', daysAgo: 14, hours: 2, status: 'verified', content: '巡查阳光花园 1-2 栋楼道，清理堆放杂物 3 处。' },
    { member: '李志远', post: '楼道文明监督岗', daysAgo: 7, hours: 2, status: 'verified', content: '巡查消防通道，劝导占用通道的电动车 2 辆。' },
    { member: '赵雪梅', post: '社情民意收集员', daysAgo: 10, hours: 3, status: 'verified', content: '走访 12 户居民，收集停车难等意见 5 条。' },
    { member: '赵雪梅', post: '楼道文明监督岗', daysAgo: 2, hours: 1.5, status: 'pending', content: '巡查 2 栋楼道卫生。' },
    { member: '孙浩然', post: '医保政策宣讲员', daysAgo: 5, hours: 2, status: 'verified', content: '在党群服务中心讲解医保报销政策，30 人参加。' },
    { member: '周佳怡', post: '邻里纠纷调解员', daysAgo: 3, hours: 1, status: 'pending', content: '调解楼上楼下漏水纠纷。' },
    { member: '钱文博', post: '敬老院志愿服务', daysAgo: 6, hours: 8, status: 'rejected', content: '敬老院服务一天。' },
  ];
  for (const r of records) {
    const post = POSTS.find((p) => p.title === r.post)!;
    const minutes = r.hours * 60;
    const startedAt = at(r.daysAgo);
    const [row] = await tx
      .insert(serviceRecords)
      .values({
        memberId: cast.person(r.member),
        communityId: cast.community(post.community),
        sourceType: 'post',
        sourceId: postIds.get(r.post)!,
        startedAt,
        endedAt: new Date(startedAt.getTime() + minutes * 60_000),
        minutes,
        content: r.content,
        status: r.status,
        rejectReason: r.status === 'rejected' ? RECORD_REJECT_REASON : null,
        verifiedBy: r.status === 'verified' ? cast.staffOf(post.community) : null,
        verifiedAt: r.status === 'verified' ? at(r.daysAgo - 1) : null,
        createdAt: startedAt,
      })
      .returning({ id: serviceRecords.id });
    if (r.status !== 'pending') {
      messages.push(
        r.status === 'verified'
          ? { to: [cast.person(r.member)], ...recordMessages.verified(minutes), entity: 'record', entityId: row!.id, at: at(r.daysAgo - 1), read: r.daysAgo > 7 }
          : { to: [cast.person(r.member)], ...recordMessages.rejected(RECORD_REJECT_REASON), entity: 'record', entityId: row!.id, at: at(r.daysAgo - 1), read: false },
      );
    }
    if (r.status === 'verified') {
      await tx.insert(pointsLedger).values({
        memberId: cast.person(r.member),
        communityId: cast.community(post.community),
        source: 'record',
        sourceId: row!.id,
        points: pointsForMinutes(minutes),
        reason: `服务 ${r.hours} 小时`,
        createdBy: cast.staffOf(post.community),
        createdAt: at(r.daysAgo - 1),
      });
    }
  }
  await tx.insert(pointsLedger).values({
    memberId: cast.person('赵雪梅'),
    communityId: cast.community('龙津社区'),
    source: 'adjustment',
    points: 10,
    reason: '社区表彰：组织邻里节活动',
    createdBy: cast.staffOf('龙津社区'),
  });

  // Pairing assistance (结对帮扶): one household paired, one waiting.
  const [paired] = await tx
    .insert(households)
    .values({ communityId: cast.community('龙津社区'), name: '张德福', needs: '独居高龄老人，需要每周探访、代购生活用品。', address: '阳光花园 2 栋 101 室', activePairings: 1, createdBy: cast.staffOf('龙津社区') })
    .returning({ id: households.id });
  await tx.insert(pairings).values({ householdId: paired!.id, memberId: cast.person('赵雪梅'), createdAt: at(40) });
  await tx.insert(households).values({ communityId: cast.community('龙津社区'), name: '刘桂香', needs: '残疾人家庭，孩子需要课业辅导。', address: '丽景小区 1 栋 502 室', createdBy: cast.staffOf('龙津社区') });

  // 消息: what the flows above would have sent, the older ones read.
  await tx.insert(notifications).values(
    messages.flatMap((m) =>
      m.to.map((userId) => ({ userId, kind: m.kind, title: m.title, body: m.body, entity: m.entity, entityId: String(m.entityId), readAt: m.read ? m.at : null, createdAt: m.at })),
    ),
  );
}
