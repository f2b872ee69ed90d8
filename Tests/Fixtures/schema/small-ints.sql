-- Turns a loaded schema fixture into the shape of a database Sentry created with
-- SENTRY_USE_BIG_INTS = False (Sentry's own default; self-hosted set it True from Sentry 10 on,
-- so databases born under Sentry 9/10 keep 32-bit keys: reference §1 "Legacy integer columns").
--
-- Every `id` column and every `*_id` column of the Sentry tables (sentry_*, hybridcloud_*,
-- auth_user) that is bigint becomes integer, and so does every bigint sequence of those tables.
-- That covers primary keys, foreign keys and the hybrid-cloud id columns alike, which is more
-- than any single real database has, so a reader or writer that assumes bigint fails here.
-- Idempotent: it only touches columns and sequences that are still bigint, so it works on every
-- fixture and can run twice. Run it on an empty fixture, before the seed.
--
-- Load: psql -v ON_ERROR_STOP=1 -d DB -f small-ints.sql

DO $$
DECLARE
    target record;
BEGIN
    FOR target IN
        SELECT c.table_name, c.column_name
        FROM information_schema.columns AS c
        JOIN information_schema.tables AS t
            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public'
            AND t.table_type = 'BASE TABLE'
            AND (c.table_name LIKE 'sentry\_%' OR c.table_name LIKE 'hybridcloud\_%'
                OR c.table_name = 'auth_user')
            AND (c.column_name = 'id' OR c.column_name LIKE '%\_id')
            AND c.data_type = 'bigint'
        ORDER BY c.table_name, c.column_name
    LOOP
        EXECUTE format('ALTER TABLE public.%I ALTER COLUMN %I TYPE integer',
            target.table_name, target.column_name);
    END LOOP;

    FOR target IN
        SELECT s.sequence_name
        FROM information_schema.sequences AS s
        WHERE s.sequence_schema = 'public'
            AND s.data_type = 'bigint'
            AND (s.sequence_name LIKE 'sentry\_%' OR s.sequence_name LIKE 'hybridcloud\_%'
                OR s.sequence_name = 'auth_user_id_seq')
        ORDER BY s.sequence_name
    LOOP
        EXECUTE format('ALTER SEQUENCE public.%I AS integer', target.sequence_name);
    END LOOP;
END
$$;
