import { meSchema } from '@huijia/shared';
import {
  ACTION_OPTIONS,
  auditScopesOf,
  filterSummary,
  periodError,
  presetOf,
  presetPeriod,
} from '../../../src/pages/audit/filters';
import { aCommunityWorker, aResident } from '../../support/fixtures';

describe('whose trail the viewer offers', () => {
  it('is each node where the user holds a role that reads the trail', () => {
    const me = meSchema.parse({
      ...aCommunityWorker(),
      roles: [
        { role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' },
        { role: 'street_admin', orgId: 'dongcheng', scopeName: '东城街道' },
        { role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' },
        { role: 'member', unitId: 'hospital' },
      ],
    });
    expect(auditScopesOf(me)).toEqual([
      { id: 'longjin', name: '龙津社区' },
      { id: 'dongcheng', name: '东城街道' },
    ]);
  });

  it('is none for a resident or a unit admin', () => {
    expect(auditScopesOf(aResident())).toEqual([]);
    const unitAdmin = meSchema.parse({ ...aResident(), roles: [{ role: 'unit_admin', unitId: 'hospital' }] });
    expect(auditScopesOf(unitAdmin)).toEqual([]);
  });
});

describe('the filters', () => {
  const now = new Date(2026, 11, 6, 15, 0);

  it('offer every action the trail records, after 全部操作', () => {
    expect(ACTION_OPTIONS[0]).toEqual({ value: null, label: '全部操作' });
    expect(ACTION_OPTIONS).toContainEqual({ value: 'wish.submit', label: '提交心愿' });
    expect(ACTION_OPTIONS).toContainEqual({ value: 'community.settings', label: '修改社区设置' });
  });

  it('turn a preset into the days it covers, today included, and back', () => {
    expect(presetPeriod('today', now)).toEqual({ from: '2026-12-06', to: '2026-12-06' });
    expect(presetPeriod('week', now)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetPeriod('month', now)).toEqual({ from: '2026-11-07', to: '2026-12-06' });
    expect(presetPeriod('all', now)).toEqual({});
    expect(presetOf({ from: '2026-11-30', to: '2026-12-06' }, now)).toBe('week');
    expect(presetOf({}, now)).toBe('all');
    expect(presetOf({ from: '2026-11-01', to: '2026-12-06' }, now)).toBeNull();
  });

  it('refuse a period that ends before it starts', () => {
    expect(periodError({ from: '2026-12-06', to: '2026-12-01' })).toBe('起始日期不能晚于结束日期');
    expect(periodError({ from: '2026-12-01', to: '2026-12-01' })).toBeUndefined();
    expect(periodError({ from: '2026-12-01' })).toBeUndefined();
  });

  it('are said before an export in words', () => {
    expect(filterSummary({})).toBe('全部记录');
    expect(filterSummary({ action: 'wish.approve', from: '2026-12-01', to: '2026-12-06', actorId: 'u-1' }, '张丽华')).toBe(
      '操作：审核通过；期间：2026-12-01 至 2026-12-06；操作人：张丽华',
    );
    expect(filterSummary({ from: '2026-12-06', to: '2026-12-06' })).toBe('期间：2026-12-06');
    expect(filterSummary({ from: '2026-12-01' })).toBe('期间：2026-12-01 至 今天');
  });
});
