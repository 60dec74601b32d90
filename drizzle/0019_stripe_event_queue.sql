DROP INDEX "stripe_events_retry_idx";--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stripe_events_queue_idx" ON "stripe_events" USING btree ("stripe_created_at") WHERE "stripe_events"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "stripe_events_object_idx" ON "stripe_events" USING btree ("team_id","object_id") WHERE "stripe_events"."status" in ('pending', 'processing');--> statement-breakpoint
-- Failures awaiting a retry were `failed` with a retry date; they are `pending` now (failed is the dead letter).
UPDATE "stripe_events" SET "status" = 'pending' WHERE "status" = 'failed' AND "next_attempt_at" IS NOT NULL;
