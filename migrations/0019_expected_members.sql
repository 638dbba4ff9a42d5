CREATE INDEX "unit_communities_community_idx" ON "unit_communities" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "users_home_community_idx" ON "users" USING btree ("home_community_id");--> statement-breakpoint
-- Everyone on the rolls (应报到), one row per person, and the one community where they are expected.
-- This mirrors expectedCommunity() in shared/src/domain/rolls.ts and is the only place the server
-- says it: the live report's community, else the home of the account with their phone, else the
-- first (lowest id) community paired with the unit of their first roster entry; null when none.
-- A person is a phone: of their entries still on the rolls (departed_at is null), the one with the
-- lowest id stands for them. Written without DISTINCT ON so that the planner can push a filter on
-- the entry, the phone or the account down into it (expected_members_at below).
-- (Live report states are spelled out: 'ended' was added in 0018, in the same transaction as this.)
CREATE VIEW expected_members AS
SELECT e.id AS entry_id, e.phone, e.unit_id, u.id AS user_id, l.id AS report_id, l.status AS report_status,
       coalesce(l.community_id, u.home_community_id,
                (SELECT min(p.community_id) FROM unit_communities p WHERE p.unit_id = e.unit_id)) AS community_id
FROM roster_entries e
LEFT JOIN users u ON u.phone = e.phone
LEFT JOIN reports l ON l.member_id = u.id AND l.status IN ('pending_offline', 'confirmed')
WHERE e.departed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM roster_entries f WHERE f.phone = e.phone AND f.departed_at IS NULL AND f.id < e.id);
--> statement-breakpoint
-- The members expected at some of the communities, without computing everyone's place: only a
-- person whose live report is there, who lives there, or whose unit (any of them) pairs with one of
-- them can be expected there, and of those the view above decides.
CREATE FUNCTION expected_members_at(communities bigint[]) RETURNS SETOF expected_members LANGUAGE sql STABLE AS $$
  SELECT m.* FROM expected_members m
  WHERE m.community_id = ANY (communities)
    AND m.phone IN (
      SELECT u.phone FROM reports r JOIN users u ON u.id = r.member_id
       WHERE r.community_id = ANY (communities) AND r.status IN ('pending_offline', 'confirmed')
      UNION ALL
      SELECT u.phone FROM users u WHERE u.home_community_id = ANY (communities)
      UNION ALL
      SELECT e.phone FROM unit_communities p JOIN roster_entries e ON e.unit_id = p.unit_id
       WHERE p.community_id = ANY (communities) AND e.departed_at IS NULL)
$$;
--> statement-breakpoint
-- The reporting figures per community, from the view: expected with or without an account, and
-- reported (a confirmed live report). The unique index lets the refresh run concurrently.
DROP MATERIALIZED VIEW stats_reporting;
--> statement-breakpoint
CREATE MATERIALIZED VIEW stats_reporting AS
  SELECT community_id,
         count(*)::int AS expected,
         count(*) FILTER (WHERE user_id IS NULL)::int AS expected_without_account,
         count(*) FILTER (WHERE report_status = 'confirmed')::int AS reported
  FROM expected_members WHERE community_id IS NOT NULL
  GROUP BY community_id;
--> statement-breakpoint
CREATE UNIQUE INDEX stats_reporting_community ON stats_reporting (community_id);
--> statement-breakpoint
-- Members expected nowhere, by the unit that stands for them: shown as such, not dropped. Refreshed
-- with stats_reporting in one snapshot (stats/reporting.ts), so that everyone on the rolls is in
-- exactly one of the two.
CREATE MATERIALIZED VIEW stats_unplaced AS
  SELECT unit_id, count(*)::int AS members
  FROM expected_members WHERE community_id IS NULL
  GROUP BY unit_id;
--> statement-breakpoint
CREATE UNIQUE INDEX stats_unplaced_unit ON stats_unplaced (unit_id);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_community_month, stats_member_month, stats_member_year;
  INSERT INTO stats_community_month (community_id, community_path, month, wishes_collected, wishes_claimed, wishes_completed,
                                     rating_sum, rating_count, verified_minutes, points)
  SELECT parts.community_id, o.path, month, sum(collected), sum(claimed), sum(completed), sum(rating_sum), sum(rating_count), sum(minutes), sum(points)
  FROM (
    SELECT community_id, stats_month(created_at) AS month, count(*) AS collected,
           count(*) FILTER (WHERE status IN ('claimed', 'fulfilled', 'completed', 'disputed')) AS claimed,
           count(*) FILTER (WHERE status = 'completed') AS completed,
           coalesce(sum(rating) FILTER (WHERE status = 'completed'), 0) AS rating_sum,
           count(rating) FILTER (WHERE status = 'completed') AS rating_count, 0 AS minutes, 0 AS points
    FROM wishes GROUP BY 1, 2
    UNION ALL
    SELECT community_id, stats_month(started_at), 0, 0, 0, 0, 0, sum(minutes), 0
    FROM service_records WHERE status = 'verified' GROUP BY 1, 2
    UNION ALL
    SELECT community_id, stats_month(created_at), 0, 0, 0, 0, 0, 0, sum(points) FROM points_ledger GROUP BY 1, 2
  ) parts
  JOIN org_nodes o ON o.id = parts.community_id
  GROUP BY parts.community_id, o.path, month;
  INSERT INTO stats_member_month (member_id, community_id, month, verified_minutes)
  SELECT member_id, community_id, stats_month(started_at), sum(minutes)
  FROM service_records WHERE status = 'verified' GROUP BY 1, 2, 3;
  INSERT INTO stats_member_year (community_id, community_path, year, member_id, months)
  SELECT m.community_id, o.path, extract(year FROM m.month)::integer, m.member_id, bit_or(1 << (extract(month FROM m.month)::integer - 1))
  FROM stats_member_month m JOIN org_nodes o ON o.id = m.community_id
  WHERE m.verified_minutes > 0
  GROUP BY 1, 2, 3, 4;
  REFRESH MATERIALIZED VIEW stats_reporting;
  REFRESH MATERIALIZED VIEW stats_unplaced;
  UPDATE stats_refreshed SET at = now() WHERE name = 'reporting';
END $$;
