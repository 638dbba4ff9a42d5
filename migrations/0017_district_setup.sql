DROP INDEX "audit_log_entity_idx";--> statement-breakpoint
ALTER TABLE "community_settings" ALTER COLUMN "contact_days" SET DEFAULT 7;--> statement-breakpoint
ALTER TABLE "community_settings" ALTER COLUMN "fulfil_days" SET DEFAULT 30;--> statement-breakpoint
ALTER TABLE "org_nodes" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "org_path" text;--> statement-breakpoint
ALTER TABLE "community_settings" ADD COLUMN "household_max_members" integer;--> statement-breakpoint
ALTER TABLE "wishes" ADD COLUMN "on_behalf_of_name" text;--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_live_idx" ON "refresh_tokens" USING btree ("user_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","id");--> statement-breakpoint
-- Deactivation and a forced password change are part of who a person is: the caches hear of them.
DROP TRIGGER users_changed ON users;
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER UPDATE OF phone, name, deactivated_at, must_change_password OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION huijia_person_row_changed('id');
--> statement-breakpoint
-- The audit trail's rows written before they carried their node: each from the object it names.
UPDATE audit_log a SET org_path = coalesce(
  CASE a.entity
    WHEN 'wish' THEN (SELECT o.path FROM wishes w JOIN org_nodes o ON o.id = w.community_id WHERE w.id::text = a.entity_id)
    WHEN 'report' THEN (SELECT o.path FROM reports r JOIN org_nodes o ON o.id = r.community_id WHERE r.id::text = a.entity_id)
    WHEN 'record' THEN (SELECT o.path FROM service_records r JOIN org_nodes o ON o.id = r.community_id WHERE r.id::text = a.entity_id)
    WHEN 'post' THEN (SELECT o.path FROM posts p JOIN org_nodes o ON o.id = p.community_id WHERE p.id::text = a.entity_id)
    WHEN 'post_seat' THEN (SELECT o.path FROM post_seats s JOIN posts p ON p.id = s.post_id JOIN org_nodes o ON o.id = p.community_id WHERE s.id::text = a.entity_id)
    WHEN 'household' THEN (SELECT o.path FROM households h JOIN org_nodes o ON o.id = h.community_id WHERE h.id::text = a.entity_id)
    WHEN 'pairing' THEN (SELECT o.path FROM pairings p JOIN households h ON h.id = p.household_id JOIN org_nodes o ON o.id = h.community_id WHERE p.id::text = a.entity_id)
    WHEN 'grid_group' THEN (SELECT o.path FROM grid_groups g JOIN org_nodes o ON o.id = g.community_id WHERE g.id::text = a.entity_id)
    WHEN 'points_ledger' THEN (SELECT o.path FROM points_ledger l JOIN org_nodes o ON o.id = l.community_id WHERE l.id::text = a.entity_id)
    WHEN 'org_node' THEN (SELECT o.path FROM org_nodes o WHERE o.id::text = a.entity_id)
    WHEN 'unit' THEN (SELECT o.path FROM units u JOIN org_nodes o ON o.id = u.org_id WHERE u.id::text = a.entity_id)
    WHEN 'roster_entry' THEN (SELECT o.path FROM roster_entries r JOIN units u ON u.id = r.unit_id JOIN org_nodes o ON o.id = u.org_id WHERE r.id::text = a.entity_id)
    WHEN 'user' THEN coalesce((SELECT o.path FROM org_nodes o WHERE o.id::text = a.details ->> 'orgId'),
                              (SELECT o.path FROM units u JOIN org_nodes o ON o.id = u.org_id WHERE u.id::text = a.details ->> 'unitId'))
  END,
  (SELECT path FROM org_nodes WHERE parent_id IS NULL));
--> statement-breakpoint
-- A roster entry's audit rows named the member's phone; the entry names them, the trail keeps none.
UPDATE audit_log SET details = details - 'phone' WHERE entity = 'roster_entry' AND details ? 'phone';
