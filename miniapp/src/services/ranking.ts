import { RANKING_SUBJECT_LABELS, rankingSchema, type Ranking, type RankingQuery } from '@huijia/shared';
import { request, toQueryString } from './api';
import { downloadSpreadsheet } from './stats';

/** What a 通报 ranking is asked for: `of` and the period as the page holds them. */
export type RankingAsk = Pick<RankingQuery, 'orgId' | 'of' | 'from' | 'to'>;

/** 通报: the units or communities below a node, ranked by their rates over a period. */
export function ranking(query: RankingAsk): Promise<Ranking> {
  return request('GET', '/api/stats/ranking', { query: { ...query }, schema: rankingSchema });
}

/**
 * The same ranking as a spreadsheet: saved by the browser on h5, opened in WeChat's viewer on
 * weapp. Answers the file's name.
 */
export function downloadRanking(query: RankingAsk, scopeName: string): Promise<string> {
  const url = `${API_BASE}/api/stats/ranking.xlsx${toQueryString({ ...query })}`;
  return downloadSpreadsheet(url, `${RANKING_SUBJECT_LABELS[query.of]}排名`, scopeName);
}
