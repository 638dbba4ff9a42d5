import { type Me, RECORD_SOURCE_LABELS, type RecordSourceType } from '@huijia/shared';
import { reportedCommunity } from '../../../hooks/useScope';
import { listHouseholds, listMyPairings } from '../../../services/pairing';
import { listPosts } from '../../../services/posts';
import { listProjects } from '../../../services/projects';
import { listWishes } from '../../../services/wishes';

/** What a session can be logged for: one of my posts, claimed wishes or pairings, or no one thing. */
export interface SourceOption {
  type: RecordSourceType;
  id?: string;
  label: string;
}

const LIMIT = 50;

/** The member's posts, claimed wishes, active pairings and the projects they may log against, then 集体活动 and 其他. */
export async function loadSources(me: Me): Promise<SourceOption[]> {
  const community = reportedCommunity(me);
  const [posts, wishes, pairings, households, projects] = await Promise.all([
    listPosts({ mine: true, limit: LIMIT }),
    listWishes({ claimedByMe: true, limit: LIMIT }),
    listMyPairings(),
    community ? listHouseholds(community.id) : Promise.resolve([]),
    // Those led by the member, their unit or their team, while they are carried out.
    listProjects({ mine: true, limit: LIMIT }).then((page) => page.items, () => []),
  ]);
  const names = new Map(households.map((h) => [h.id, h.name]));
  return [
    ...posts.items.map((p) => ({ type: 'post' as const, id: p.id, label: `${RECORD_SOURCE_LABELS.post} · ${p.title}` })),
    ...wishes.items
      .filter((w) => w.status === 'claimed' || w.status === 'fulfilled' || w.status === 'completed')
      .map((w) => ({ type: 'wish' as const, id: w.id, label: `${RECORD_SOURCE_LABELS.wish} · ${w.title}` })),
    ...pairings
      .filter((p) => p.status === 'active')
      .map((p) => ({
        type: 'pairing' as const,
        id: p.id,
        label: `${RECORD_SOURCE_LABELS.pairing} · ${names.get(p.householdId) ?? '结对家庭'}`,
      })),
    ...projects
      .filter((p) => p.mayLogRecords && (p.status === 'claimed' || p.status === 'reported'))
      .map((p) => ({ type: 'project' as const, id: p.id, label: `${RECORD_SOURCE_LABELS.project} · ${p.title}` })),
    { type: 'activity', label: RECORD_SOURCE_LABELS.activity },
    { type: 'other', label: RECORD_SOURCE_LABELS.other },
  ];
}
