-- Turns a loaded 25.10 or 26.x fixture into a database whose sentry_projectoptions.value is
-- jsonb: the state between migration 0960_project_option_json_field (text → jsonb, 2025-07-29)
-- and 0962_json_fields_too_big (jsonb → text, 2025-08-04). Released self-hosted versions ship
-- both, so this shape is rare; it exists so tests can exercise a jsonb project-option column.
-- Refuses fixtures whose value column is still NOT NULL (23.x, 24.x: never jsonb there).
-- Idempotent. Run it on an empty fixture, before the seed.
--
-- Load: psql -v ON_ERROR_STOP=1 -d DB -f projectoptions-jsonb.sql

DO $$
DECLARE
    column_type text;
    nullable text;
BEGIN
    SELECT data_type, is_nullable INTO column_type, nullable
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'sentry_projectoptions' AND column_name = 'value';
    IF nullable IS DISTINCT FROM 'YES' THEN
        RAISE EXCEPTION 'projectoptions-jsonb.sql applies to the 25.10 and 26.x fixtures only';
    END IF;
    IF column_type = 'text' THEN
        ALTER TABLE public.sentry_projectoptions ALTER COLUMN value TYPE jsonb USING value::jsonb;
    END IF;
END
$$;
