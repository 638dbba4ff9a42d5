CREATE TABLE "stats_member_year" (
	"community_id" bigint NOT NULL,
	"community_path" text NOT NULL,
	"year" smallint NOT NULL,
	"member_id" bigint NOT NULL,
	"months" integer NOT NULL,
	CONSTRAINT "stats_member_year_community_id_year_member_id_pk" PRIMARY KEY("community_id","year","member_id")
);
--> statement-breakpoint
ALTER TABLE "stats_community_month" ADD COLUMN "community_path" text NOT NULL;