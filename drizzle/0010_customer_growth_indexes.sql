DROP INDEX "customers_project_stripe_created_idx";--> statement-breakpoint
CREATE INDEX "customers_project_signup_idx" ON "customers" USING btree ("project_id",coalesce("stripe_created_at", "created_at"));--> statement-breakpoint
CREATE INDEX "customers_project_deleted_idx" ON "customers" USING btree ("project_id","deleted_at") WHERE "customers"."deleted_at" is not null;