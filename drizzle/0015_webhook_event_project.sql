ALTER TABLE "stripe_events" ADD COLUMN "project_id" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "duplicates" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stripe_events_project_created_idx" ON "stripe_events" USING btree ("project_id","stripe_created_at");