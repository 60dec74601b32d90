CREATE TABLE "analytics_customer_days" (
	"team_id" text NOT NULL,
	"project_id" text NOT NULL,
	"day" date NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	"deletions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_customer_days_project_id_day_pk" PRIMARY KEY("project_id","day")
);
--> statement-breakpoint
ALTER TABLE "analytics_customer_days" ADD CONSTRAINT "analytics_customer_days_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_customer_days" ADD CONSTRAINT "analytics_customer_days_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;