import { compareRanked, lowestRanked, periodText, rankSubjects, type RankedRates } from '../src';

const subject = (id: string, name: string, reportingRate: number, serviceRate = 0, completionRate = 0): RankedRates => ({
  id,
  name,
  reportingRate,
  serviceRate,
  completionRate,
});

const ranks = (rows: { name: string; rank: number }[]) => rows.map((r) => [r.rank, r.name]);

describe('通报 ranks by reporting rate, then service rate, then completion rate', () => {
  it('puts the higher reporting rate first, whatever the other rates', () => {
    const rows = rankSubjects([subject('1', '甲', 0.5, 1, 1), subject('2', '乙', 0.9, 0, 0)]);
    expect(ranks(rows)).toEqual([
      [1, '乙'],
      [2, '甲'],
    ]);
  });

  it('orders equal reporting rates by service rate, and equal service rates by completion rate', () => {
    const rows = rankSubjects([
      subject('1', '甲', 0.8, 0.5, 0.9),
      subject('2', '乙', 0.8, 0.6, 0.1),
      subject('3', '丙', 0.8, 0.5, 1),
    ]);
    expect(ranks(rows)).toEqual([
      [1, '乙'],
      [2, '丙'],
      [3, '甲'],
    ]);
  });
});

describe('subjects with equal rates share a rank (standard competition ranking)', () => {
  it('gives a tie one rank and skips the ranks it took: 1, 2, 2, 4', () => {
    const rows = rankSubjects([
      subject('1', '丁', 0.2),
      subject('2', '乙', 0.5, 0.5),
      subject('3', '甲', 1),
      subject('4', '丙', 0.5, 0.5),
    ]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(rows[0]!.name).toBe('甲');
    expect(rows[3]!.name).toBe('丁');
  });

  it('orders a tie by name as Chinese orders it (pinyin: 安 before 北), then by id', () => {
    // By code point 北 (U+5317) comes before 安 (U+5B89); by pinyin an comes before bei.
    const rows = rankSubjects([subject('9', '北辰单位', 0.5), subject('10', '安平单位', 0.5), subject('2', '安平单位', 0.5)]);
    expect(rows.map((r) => [r.rank, r.name, r.id])).toEqual([
      [1, '安平单位', '2'],
      [1, '安平单位', '10'],
      [1, '北辰单位', '9'],
    ]);
  });

  it('ranks everyone 1 when all rates are equal, and nobody when there is nobody', () => {
    expect(rankSubjects([subject('1', '甲', 0), subject('2', '乙', 0)]).map((r) => r.rank)).toEqual([1, 1]);
    expect(rankSubjects([])).toEqual([]);
  });

  it('does not depend on the order the subjects arrive in', () => {
    const subjects = [subject('1', '甲', 0.5), subject('2', '乙', 0.5, 0.1), subject('3', '丙', 0.5), subject('4', '丁', 1)];
    const once = rankSubjects(subjects);
    expect(rankSubjects([...subjects].reverse())).toEqual(once);
    for (let i = 1; i < once.length; i++) expect(compareRanked(once[i - 1]!, once[i]!)).toBeLessThan(0);
  });
});

describe('排名后十位 names the last ten, and whoever shares a rank with them', () => {
  const rows = (ranks: number[]) => ranks.map((rank, i) => ({ rank, name: `第${i + 1}个` }));

  it('names the last ten of a longer ranking', () => {
    const ranked = rows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(lowestRanked(ranked).map((r) => r.rank)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names all of a tie at the edge rather than some of it', () => {
    const ranked = rows([1, 2, 2, 2, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(lowestRanked(ranked).map((r) => r.rank)).toEqual([2, 2, 2, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names everyone when there are ten or fewer', () => {
    expect(lowestRanked(rows([1, 2, 2]))).toHaveLength(3);
    expect(lowestRanked(rows([1, 2, 3]), 0)).toEqual([]);
  });
});

describe('the period in a 通报 title', () => {
  it('says one month alone, or both ends', () => {
    expect(periodText({ from: '2026-11', to: '2026-11' })).toBe('2026年11月');
    expect(periodText({ from: '2025-12', to: '2026-03' })).toBe('2025年12月 – 2026年3月');
  });
});
