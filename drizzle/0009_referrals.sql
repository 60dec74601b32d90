CREATE TABLE "referral_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"redemptions" integer DEFAULT 0 NOT NULL,
	"max_redemptions" integer,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_configs" (
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"enabled" boolean NOT NULL,
	"referee_discount" jsonb NOT NULL,
	"referrer_reward" jsonb NOT NULL,
	"reward_after" text NOT NULL,
	"attribution_days" integer NOT NULL,
	"hold_days" integer NOT NULL,
	"max_redemptions_per_code" integer,
	"code_expires_in_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_configs_project_id_pk" PRIMARY KEY("project_id")
);
--> statement-breakpoint
CREATE TABLE "referral_rewards" (
	"referral_id" text NOT NULL,
	"beneficiary" text NOT NULL,
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"cost_amount" integer DEFAULT 0 NOT NULL,
	"currency" text,
	"stripe_coupon_id" text,
	"stripe_subscription_id" text,
	"stripe_discount_id" text,
	"stripe_balance_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	CONSTRAINT "referral_rewards_referral_id_beneficiary_pk" PRIMARY KEY("referral_id","beneficiary")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"code_id" text NOT NULL,
	"code" text NOT NULL,
	"referrer_customer_id" text NOT NULL,
	"referee_customer_id" text NOT NULL,
	"status" text NOT NULL,
	"qualifying_stripe_invoice_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"qualified_at" timestamp with time zone,
	"rewarded_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_configs" ADD CONSTRAINT "referral_configs_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_configs" ADD CONSTRAINT "referral_configs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_customer_id_customers_id_fk" FOREIGN KEY ("referrer_customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referee_customer_id_customers_id_fk" FOREIGN KEY ("referee_customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_project_code_uq" ON "referral_codes" USING btree ("project_id",lower("code"));--> statement-breakpoint
CREATE INDEX "referral_codes_team_project_idx" ON "referral_codes" USING btree ("team_id","project_id");--> statement-breakpoint
CREATE INDEX "referral_codes_customer_idx" ON "referral_codes" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "referral_configs_team_idx" ON "referral_configs" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "referral_rewards_team_project_idx" ON "referral_rewards" USING btree ("team_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_project_referee_uq" ON "referrals" USING btree ("project_id","referee_customer_id");--> statement-breakpoint
CREATE INDEX "referrals_team_project_created_idx" ON "referrals" USING btree ("team_id","project_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_customer_id");