ALTER TYPE "public"."report_status" ADD VALUE 'ended';--> statement-breakpoint
ALTER TABLE "roster_entries" ADD COLUMN "departed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD COLUMN "depart_reason" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "end_reason" text;