CREATE TABLE "stats_community_month" (
	"community_id" bigint NOT NULL,
	"month" date NOT NULL,
	"wishes_collected" integer DEFAULT 0 NOT NULL,
	"wishes_claimed" integer DEFAULT 0 NOT NULL,
	"wishes_completed" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"verified_minutes" bigint DEFAULT 0 NOT NULL,
	"points" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_community_month_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
CREATE TABLE "stats_member_month" (
	"member_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"month" date NOT NULL,
	"verified_minutes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_member_month_community_id_month_member_id_pk" PRIMARY KEY("community_id","month","member_id")
);
