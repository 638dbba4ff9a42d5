import { type AuditEntry, auditEntrySchema } from '@huijia/shared';
import { actorName, detailLines, objectLabel, objectUrl, stateChange } from '../../../src/components/AuditHistory/describe';

function anEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return auditEntrySchema.parse({
    id: 'a-1',
    at: '2026-12-06T01:30:00.000Z',
    action: 'wish.approve',
    label: '审核通过',
    objectType: 'wish',
    objectId: '42',
    actor: { id: 'u-1', name: '张丽华' },
    from: 'pending_review',
    to: 'published',
    details: null,
    ...overrides,
  });
}

describe('a row of the audit trail reads in plain words', () => {
  it('names the states an object moved between as the app names them elsewhere', () => {
    expect(stateChange(anEntry())).toBe('待审核 → 待认领');
    expect(stateChange(anEntry({ action: 'record.verify', objectType: 'record', from: 'pending', to: 'verified' }))).toBe('待核实 → 已核实');
    expect(stateChange(anEntry({ objectType: 'post_seat', from: 'active', to: 'removed' }))).toBe('在岗 → 已移除');
  });

  it('says a creation by where it starts, a step that keeps the state by that state, and nothing when no state was recorded', () => {
    expect(stateChange(anEntry({ action: 'wish.submit', from: null, to: 'pending_review' }))).toBe('→ 待审核');
    expect(stateChange(anEntry({ action: 'wish.contact', from: 'claimed', to: 'claimed' }))).toBe('已认领');
    expect(stateChange(anEntry({ action: 'community.settings', objectType: 'org_node', from: null, to: null }))).toBeNull();
  });

  it('keeps a state or an object type the app does not know as its code', () => {
    expect(stateChange(anEntry({ objectType: 'wish', from: 'pending_review', to: 'frozen' }))).toBe('待审核 → frozen');
    expect(objectLabel({ objectType: 'gadget' })).toBe('gadget');
    expect(objectLabel({ objectType: 'household' })).toBe('困难群众');
  });

  it('labels the details it knows, in a fixed order, and leaves references by id out', () => {
    expect(
      detailLines({ fulfilDays: 20, contactDays: 5, householdMaxMembers: 2, communityId: '7', pairedCommunityIds: ['1'] }),
    ).toEqual(['联系期限：5 天', '完成期限：20 天', '每户结对上限：2 人']);
    expect(detailLines({ reason: '照片不清楚', claimantId: '9' })).toEqual(['原因：照片不清楚']);
    expect(detailLines({ outcome: 'reopen', note: '已与居民核实' })).toEqual(['处理结果：重新发布', '说明：已与居民核实']);
  });

  it('says why the scheduler released a claim, and what a count or a role means', () => {
    expect(detailLines({ reason: 'contact_overdue' })).toEqual(['原因：未在期限内联系居民']);
    expect(detailLines({ minutes: 90 })).toEqual(['时长：1.5 小时']);
    expect(detailLines({ points: -5, reason: '重复记录' })).toEqual(['原因：重复记录', '积分：-5']);
    expect(detailLines({ role: 'community_staff', phone: '13900000011' })).toEqual(['角色：社区工作人员', '手机号：139****0011']);
    expect(detailLines({ onBehalfOf: true })).toEqual(['代办：社区代居民办理']);
  });

  it('says why a member left the roster, why their report ended, and what ended with it', () => {
    expect(detailLines({ unitId: 3, reason: '名册更新未列入' })).toEqual(['原因：名册更新未列入']);
    expect(detailLines({ reason: 'departed' })).toEqual(['原因：离开名册']);
    expect(detailLines({ reason: 'report_ended', claimantId: 9 })).toEqual(['原因：认领人在本社区的报到已结束']);
    expect(detailLines({ reportEnded: 'departed' })).toEqual(['随报到结束：离开名册']);
    expect(stateChange(anEntry({ action: 'report.end', objectType: 'report', from: 'confirmed', to: 'ended' }))).toBe('已报到 → 已结束');
    expect(stateChange(anEntry({ action: 'roster.depart', objectType: 'roster_entry', from: null, to: 'departed' }))).toBe('→ 已离开名册');
  });

  it('shows a plain value under a key it does not know rather than hide it, and nothing for an empty record', () => {
    expect(detailLines({ batch: 'B-7', flagged: true, nested: { a: 1 } })).toEqual(['batch：B-7', 'flagged：是']);
    expect(detailLines(null)).toEqual([]);
  });

  it('opens the wish or the post a row names, and nothing else', () => {
    expect(objectUrl(anEntry())).toBe('/pages/wish/detail/index?id=42');
    expect(objectUrl(anEntry({ objectType: 'post', objectId: '5' }))).toBe('/pages/post/detail/index?id=5');
    expect(objectUrl(anEntry({ objectType: 'record' }))).toBeNull();
  });

  it('calls a step the scheduler took 系统', () => {
    expect(actorName(anEntry({ actor: null }))).toBe('系统');
    expect(actorName(anEntry())).toBe('张丽华');
  });
});
