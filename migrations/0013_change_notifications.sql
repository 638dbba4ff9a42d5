-- Changes the server processes cache: who a person is (their grants, roster rows, reports, phone
-- and name: what loadActor reads) and the tree (a node's path, kind or name). Each trigger tells
-- every listening process at commit (NOTIFY huijia_changes), so the caches never outlive the
-- truth (server/src/db/changes.ts). These tables change seldom; the hot writes (claims, records)
-- notify nothing, since every notifying commit takes one database-wide lock.
CREATE FUNCTION huijia_user_changed(user_id bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF user_id IS NOT NULL THEN PERFORM pg_notify('huijia_changes', 'user:' || user_id); END IF;
END $$;
--> statement-breakpoint
-- Rows that name a person in a column (TG_ARGV[0]): that person changed, before and after.
CREATE FUNCTION huijia_person_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM huijia_user_changed((to_jsonb(OLD) ->> TG_ARGV[0])::bigint); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM huijia_user_changed((to_jsonb(NEW) ->> TG_ARGV[0])::bigint); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER role_grants_changed AFTER INSERT OR UPDATE OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION huijia_person_row_changed('user_id');
--> statement-breakpoint
-- A roster row names a phone: whoever has an account with it is (or stops being) a member.
CREATE FUNCTION huijia_roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM huijia_user_changed(u.id) FROM users u
  WHERE u.phone IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.phone END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.phone END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER roster_entries_changed AFTER INSERT OR UPDATE OR DELETE ON roster_entries
  FOR EACH ROW EXECUTE FUNCTION huijia_roster_changed();
--> statement-breakpoint
CREATE TRIGGER reports_changed AFTER INSERT OR UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION huijia_person_row_changed('member_id');
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER UPDATE OF phone, name OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION huijia_person_row_changed('id');
--> statement-breakpoint
CREATE FUNCTION huijia_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('huijia_changes', 'tree');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER org_nodes_changed AFTER UPDATE OR DELETE ON org_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION huijia_tree_changed();
