CREATE TABLE "analytics_cohorts" (
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"currency" text NOT NULL,
	"cohort" date NOT NULL,
	"month" date NOT NULL,
	"joined" integer DEFAULT 0 NOT NULL,
	"paying_delta" integer DEFAULT 0 NOT NULL,
	"mrr_delta" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_cohorts_project_id_currency_cohort_month_pk" PRIMARY KEY("project_id","currency","cohort","month")
);
--> statement-breakpoint
ALTER TABLE "analytics_cohorts" ADD CONSTRAINT "analytics_cohorts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_cohorts" ADD CONSTRAINT "analytics_cohorts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;