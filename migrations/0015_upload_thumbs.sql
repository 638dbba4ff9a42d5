-- Images uploaded before have no thumbnail (thumb_key null): they are served as their own.
ALTER TABLE "uploads" ADD COLUMN "thumb_key" text;--> statement-breakpoint
CREATE INDEX "uploads_owner_created_idx" ON "uploads" USING btree ("owner_id","created_at");