-- Since when each person's home community is the one it is: a resident scores a community's post
-- holders (评岗) only once they have lived there a while. Until now, as far as we know, since the
-- account was made.
ALTER TABLE "users" ADD COLUMN "home_community_since" timestamp with time zone;
--> statement-breakpoint
UPDATE "users" SET "home_community_since" = "created_at" WHERE "home_community_id" IS NOT NULL;
