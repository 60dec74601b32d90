-- Customer growth per day, kept by the customers table itself: every path that writes customers (API, Stripe
-- mirror, history import, deletion) updates the rollup in its own transaction.
CREATE FUNCTION analytics_customer_day_add(p_team text, p_project text, p_day date, p_signups integer, p_deletions integer) RETURNS void
LANGUAGE sql AS $$
  -- A project being deleted cascades to its customers: nothing to count for it then.
  INSERT INTO analytics_customer_days AS d (team_id, project_id, day, signups, deletions)
  SELECT p_team, p_project, p_day, p_signups, p_deletions WHERE EXISTS (SELECT 1 FROM projects WHERE id = p_project)
  ON CONFLICT (project_id, day) DO UPDATE SET signups = d.signups + excluded.signups, deletions = d.deletions + excluded.deletions
$$;--> statement-breakpoint
CREATE FUNCTION analytics_count_customer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM analytics_customer_day_add(OLD.team_id, OLD.project_id, (coalesce(OLD.stripe_created_at, OLD.created_at) AT TIME ZONE 'UTC')::date, -1, 0);
    IF OLD.deleted_at IS NOT NULL THEN
      PERFORM analytics_customer_day_add(OLD.team_id, OLD.project_id, (OLD.deleted_at AT TIME ZONE 'UTC')::date, 0, -1);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM analytics_customer_day_add(NEW.team_id, NEW.project_id, (coalesce(NEW.stripe_created_at, NEW.created_at) AT TIME ZONE 'UTC')::date, 1, 0);
    IF NEW.deleted_at IS NOT NULL THEN
      PERFORM analytics_customer_day_add(NEW.team_id, NEW.project_id, (NEW.deleted_at AT TIME ZONE 'UTC')::date, 0, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_count_insert_delete AFTER INSERT OR DELETE ON customers
FOR EACH ROW EXECUTE FUNCTION analytics_count_customer();--> statement-breakpoint
CREATE TRIGGER customers_count_update AFTER UPDATE OF stripe_created_at, created_at, deleted_at ON customers
FOR EACH ROW WHEN (
  OLD.stripe_created_at IS DISTINCT FROM NEW.stripe_created_at
  OR OLD.created_at IS DISTINCT FROM NEW.created_at
  OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
) EXECUTE FUNCTION analytics_count_customer();--> statement-breakpoint
INSERT INTO analytics_customer_days (team_id, project_id, day, signups, deletions)
SELECT team_id, project_id, day, sum(signups), sum(deletions) FROM (
  SELECT team_id, project_id, (coalesce(stripe_created_at, created_at) AT TIME ZONE 'UTC')::date AS day, 1 AS signups, 0 AS deletions FROM customers
  UNION ALL
  SELECT team_id, project_id, (deleted_at AT TIME ZONE 'UTC')::date, 0, 1 FROM customers WHERE deleted_at IS NOT NULL
) AS changes GROUP BY team_id, project_id, day;
