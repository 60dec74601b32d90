CREATE TABLE "analytics_daily" (
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"currency" text NOT NULL,
	"day" date NOT NULL,
	"new_mrr" bigint DEFAULT 0 NOT NULL,
	"expansion_mrr" bigint DEFAULT 0 NOT NULL,
	"contraction_mrr" bigint DEFAULT 0 NOT NULL,
	"churned_mrr" bigint DEFAULT 0 NOT NULL,
	"reactivation_mrr" bigint DEFAULT 0 NOT NULL,
	"voluntary_churned_mrr" bigint DEFAULT 0 NOT NULL,
	"delinquent_churned_mrr" bigint DEFAULT 0 NOT NULL,
	"new_customers" integer DEFAULT 0 NOT NULL,
	"reactivated_customers" integer DEFAULT 0 NOT NULL,
	"churned_customers" integer DEFAULT 0 NOT NULL,
	"trialing_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_daily_project_id_currency_day_pk" PRIMARY KEY("project_id","currency","day")
);
--> statement-breakpoint
CREATE TABLE "mrr_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"amount" integer NOT NULL,
	"mrr_before" integer NOT NULL,
	"mrr_after" integer NOT NULL,
	"churn_kind" text
);
--> statement-breakpoint
CREATE TABLE "trialing_changes" (
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "trialing_changes_customer_id_currency_occurred_at_pk" PRIMARY KEY("customer_id","currency","occurred_at")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "stripe_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "discounts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "discounts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_movements" ADD CONSTRAINT "mrr_movements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_movements" ADD CONSTRAINT "mrr_movements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trialing_changes" ADD CONSTRAINT "trialing_changes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trialing_changes" ADD CONSTRAINT "trialing_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mrr_movements_customer_time_uq" ON "mrr_movements" USING btree ("customer_id","currency","occurred_at");--> statement-breakpoint
CREATE INDEX "mrr_movements_project_time_idx" ON "mrr_movements" USING btree ("project_id","currency","occurred_at");--> statement-breakpoint
CREATE INDEX "customers_project_stripe_created_idx" ON "customers" USING btree ("project_id","stripe_created_at");--> statement-breakpoint
CREATE INDEX "subscription_history_customer_time_idx" ON "subscription_history" USING btree ("customer_id","occurred_at");