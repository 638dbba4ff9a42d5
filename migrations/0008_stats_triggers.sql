-- The figures' rollups (server/src/db/schema/stats.ts) kept by triggers in the writer's transaction,
-- the reporting figures as a materialised view refreshed every few minutes, and stats_rebuild()
-- to recompute the rollups from the base tables (run once here, and by the bench generator).

-- A month in China's time (UTC+8, no daylight saving), without needing a time-zone database.
CREATE FUNCTION stats_month(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', (ts AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;
--> statement-breakpoint
-- A wish counts in the month it was submitted: collected; claimed while it is claimed or beyond;
-- completed, with its rating, once completed.
CREATE FUNCTION stats_add_wish(c bigint, m date, st wish_status, rating integer, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_community_month AS s (community_id, month, wishes_collected, wishes_claimed, wishes_completed, rating_sum, rating_count)
  VALUES (c, m, sign,
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
CREATE FUNCTION stats_wishes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.rating IS NOT DISTINCT FROM NEW.rating
     AND OLD.community_id = NEW.community_id AND OLD.created_at = NEW.created_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_add_wish(OLD.community_id, stats_month(OLD.created_at), OLD.status, OLD.rating, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_add_wish(NEW.community_id, stats_month(NEW.created_at), NEW.status, NEW.rating, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_wishes AFTER INSERT OR UPDATE OR DELETE ON wishes FOR EACH ROW EXECUTE FUNCTION stats_wishes_changed();
--> statement-breakpoint
-- Verified service counts in the month it started, for its community and for its member.
CREATE FUNCTION stats_add_service(mem bigint, c bigint, m date, minutes bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_community_month AS s (community_id, month, verified_minutes) VALUES (c, m, minutes)
  ON CONFLICT (community_id, month) DO UPDATE SET verified_minutes = s.verified_minutes + excluded.verified_minutes;
  INSERT INTO stats_member_month AS s (member_id, community_id, month, verified_minutes) VALUES (mem, c, m, minutes)
  ON CONFLICT (community_id, month, member_id) DO UPDATE SET verified_minutes = s.verified_minutes + excluded.verified_minutes;
$$;
--> statement-breakpoint
CREATE FUNCTION stats_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'verified' THEN
    PERFORM stats_add_service(OLD.member_id, OLD.community_id, stats_month(OLD.started_at), -OLD.minutes);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'verified' THEN
    PERFORM stats_add_service(NEW.member_id, NEW.community_id, stats_month(NEW.started_at), NEW.minutes);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_records AFTER INSERT OR UPDATE OR DELETE ON service_records FOR EACH ROW EXECUTE FUNCTION stats_records_changed();
--> statement-breakpoint
CREATE FUNCTION stats_points_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_community_month AS s (community_id, month, points) VALUES (NEW.community_id, stats_month(NEW.created_at), NEW.points)
  ON CONFLICT (community_id, month) DO UPDATE SET points = s.points + excluded.points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_points AFTER INSERT ON points_ledger FOR EACH ROW EXECUTE FUNCTION stats_points_entered();
--> statement-breakpoint
-- Reporting as of the last refresh: each member on a roster is expected at one community, the one
-- of their live report, else the one they live in; reported when that report is confirmed.
CREATE MATERIALIZED VIEW stats_reporting AS
  WITH live AS (
    SELECT DISTINCT ON (member_id) member_id, community_id, status FROM reports
    WHERE status IN ('pending_offline', 'confirmed') ORDER BY member_id, id DESC
  ), members AS (
    SELECT u.id, u.home_community_id FROM users u WHERE EXISTS (SELECT 1 FROM roster_entries e WHERE e.phone = u.phone)
  )
  SELECT coalesce(l.community_id, m.home_community_id) AS community_id,
         count(*)::int AS expected,
         count(*) FILTER (WHERE l.status = 'confirmed')::int AS reported
  FROM members m LEFT JOIN live l ON l.member_id = m.id
  WHERE coalesce(l.community_id, m.home_community_id) IS NOT NULL
  GROUP BY 1;
--> statement-breakpoint
CREATE UNIQUE INDEX stats_reporting_community ON stats_reporting (community_id);
--> statement-breakpoint
CREATE TABLE stats_refreshed (name text PRIMARY KEY, at timestamptz NOT NULL);
--> statement-breakpoint
INSERT INTO stats_refreshed VALUES ('reporting', now());
--> statement-breakpoint
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_community_month, stats_member_month;
  INSERT INTO stats_community_month (community_id, month, wishes_collected, wishes_claimed, wishes_completed, rating_sum, rating_count,
                                     verified_minutes, points)
  SELECT community_id, month, sum(collected), sum(claimed), sum(completed), sum(rating_sum), sum(rating_count), sum(minutes), sum(points)
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
  GROUP BY community_id, month;
  INSERT INTO stats_member_month (member_id, community_id, month, verified_minutes)
  SELECT member_id, community_id, stats_month(started_at), sum(minutes)
  FROM service_records WHERE status = 'verified' GROUP BY 1, 2, 3;
  REFRESH MATERIALIZED VIEW stats_reporting;
  UPDATE stats_refreshed SET at = now() WHERE name = 'reporting';
END $$;
--> statement-breakpoint
SELECT stats_rebuild();
