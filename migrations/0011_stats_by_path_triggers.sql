-- The rollup writers with the community's path, "served" as a bitmask of months per member and
-- year, and stats_rebuild() recomputing all three rollups (run once here). A subtree is one range
-- of the covering indexes below, read index-only (drizzle cannot declare INCLUDE, so they are here).
CREATE INDEX stats_community_month_path_idx ON stats_community_month (community_path text_pattern_ops, month)
  INCLUDE (wishes_collected, wishes_claimed, wishes_completed, rating_sum, rating_count, verified_minutes, points);
--> statement-breakpoint
CREATE INDEX stats_member_year_path_idx ON stats_member_year (community_path text_pattern_ops, year) INCLUDE (member_id, months);
--> statement-breakpoint
-- Every write touches a rollup row: vacuum them often, so the index-only reads stay index-only.
ALTER TABLE stats_community_month SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 500);
--> statement-breakpoint
ALTER TABLE stats_member_year SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 500);
--> statement-breakpoint
CREATE FUNCTION stats_path(c bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT path FROM org_nodes WHERE id = c
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_add_wish(c bigint, m date, st wish_status, rating integer, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_community_month AS s (community_id, community_path, month, wishes_collected, wishes_claimed, wishes_completed, rating_sum, rating_count)
  VALUES (c, stats_path(c), m, sign,
          CASE WHEN st IN ('claimed', 'fulfilled', 'completed', 'disputed') THEN sign ELSE 0 END,
          CASE WHEN st = 'completed' THEN sign ELSE 0 END,
          CASE WHEN st = 'completed' AND rating IS NOT NULL THEN sign * rating ELSE 0 END,
          CASE WHEN st = 'completed' AND rating IS NOT NULL THEN sign ELSE 0 END)
  ON CONFLICT (community_id, month) DO UPDATE SET
    wishes_collected = s.wishes_collected + excluded.wishes_collected,
    wishes_claimed = s.wishes_claimed + excluded.wishes_claimed,
    wishes_completed = s.wishes_completed + excluded.wishes_completed,
    rating_sum = s.rating_sum + excluded.rating_sum,
    rating_count = s.rating_count + excluded.rating_count
$$;
--> statement-breakpoint
DROP FUNCTION stats_add_service(bigint, bigint, date, bigint);
--> statement-breakpoint
CREATE FUNCTION stats_add_service(mem bigint, c bigint, m date, minutes bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  p text := stats_path(c);
  bit integer := 1 << (extract(month FROM m)::integer - 1);
  total bigint;
BEGIN
  INSERT INTO stats_community_month AS s (community_id, community_path, month, verified_minutes) VALUES (c, p, m, minutes)
  ON CONFLICT (community_id, month) DO UPDATE SET verified_minutes = s.verified_minutes + excluded.verified_minutes;
  INSERT INTO stats_member_month AS s (member_id, community_id, month, verified_minutes) VALUES (mem, c, m, minutes)
  ON CONFLICT (community_id, month, member_id) DO UPDATE SET verified_minutes = s.verified_minutes + excluded.verified_minutes
  RETURNING s.verified_minutes INTO total;
  INSERT INTO stats_member_year AS y (community_id, community_path, year, member_id, months)
  VALUES (c, p, extract(year FROM m)::integer, mem, CASE WHEN total > 0 THEN bit ELSE 0 END)
  ON CONFLICT (community_id, year, member_id) DO UPDATE
    SET months = CASE WHEN total > 0 THEN y.months | bit ELSE y.months & ~bit END;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_points_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_community_month AS s (community_id, community_path, month, points)
  VALUES (NEW.community_id, stats_path(NEW.community_id), stats_month(NEW.created_at), NEW.points)
  ON CONFLICT (community_id, month) DO UPDATE SET points = s.points + excluded.points;
  RETURN NULL;
END $$;
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
  UPDATE stats_refreshed SET at = now() WHERE name = 'reporting';
END $$;
--> statement-breakpoint
SELECT stats_rebuild();
