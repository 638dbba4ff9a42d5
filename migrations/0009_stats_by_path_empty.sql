-- The rollups gain the community's path (migration 0010) so a subtree is one index range; they are
-- emptied first and recomputed by stats_rebuild() in 0011.
TRUNCATE stats_community_month, stats_member_month;
