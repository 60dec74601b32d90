-- Invitations made before links existed were accepted by whoever signed up with the address; none was ever mailed,
-- so none can be accepted by link: they are dropped (admins invite again) instead of failing the NOT NULL columns.
DELETE FROM "team_invitations";--> statement-breakpoint
DROP INDEX "team_invitations_team_email_uq";--> statement-breakpoint
ALTER TABLE "team_invitations" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD COLUMN "token_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD COLUMN "expires_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD COLUMN "accepted_by" text;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD CONSTRAINT "team_invitations_accepted_by_user_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_invitations_team_email_pending_uq" ON "team_invitations" USING btree ("team_id",lower("email")) WHERE "team_invitations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "team_invitations_token_hash_uq" ON "team_invitations" USING btree ("token_hash");