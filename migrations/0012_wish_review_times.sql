ALTER TABLE "wishes" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wishes" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
-- Wishes reviewed or disputed before: the times from the audit trail, which records every step.
UPDATE wishes w SET reviewed_at = a.at
FROM (SELECT entity_id, max(at) AS at FROM audit_log WHERE entity = 'wish' AND action IN ('wish.approve', 'wish.reject') GROUP BY entity_id) a
WHERE a.entity_id = w.id::text;
--> statement-breakpoint
UPDATE wishes w SET disputed_at = a.at
FROM (SELECT entity_id, max(at) AS at FROM audit_log WHERE entity = 'wish' AND action = 'wish.confirm' AND to_state = 'disputed' GROUP BY entity_id) a
WHERE a.entity_id = w.id::text AND w.status = 'disputed';
