-- The figures' triggers run on every write of a wish, a record and the ledger. Their helpers were
-- SQL functions, which PostgreSQL parses and plans anew on every call (a third of a claim's time in
-- the database); as PL/pgSQL their plans are cached per connection. Same results.
CREATE OR REPLACE FUNCTION stats_path(c bigint) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT path FROM org_nodes WHERE id = c);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_add_wish(c bigint, m date, st wish_status, rating integer, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
    rating_count = s.rating_count + excluded.rating_count;
END $$;
