DROP INDEX "wishes_feed_idx";--> statement-breakpoint
DROP INDEX "wishes_resident_idx";--> statement-breakpoint
DROP INDEX "wishes_claimant_idx";--> statement-breakpoint
DROP INDEX "points_ledger_member_idx";--> statement-breakpoint
DROP INDEX "posts_community_idx";--> statement-breakpoint
DROP INDEX "service_records_member_idx";--> statement-breakpoint
DROP INDEX "service_records_queue_idx";--> statement-breakpoint
CREATE INDEX "wishes_feed_idx" ON "wishes" USING btree ("community_id","status","id");--> statement-breakpoint
CREATE INDEX "wishes_resident_idx" ON "wishes" USING btree ("resident_id","id");--> statement-breakpoint
CREATE INDEX "wishes_claimant_idx" ON "wishes" USING btree ("claimant_id","id") WHERE claimant_id is not null;--> statement-breakpoint
CREATE INDEX "points_ledger_member_idx" ON "points_ledger" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "posts_community_idx" ON "posts" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "service_records_member_idx" ON "service_records" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "service_records_queue_idx" ON "service_records" USING btree ("community_id","status","id");