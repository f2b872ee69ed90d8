-- sentry-migrate's least-privilege roles in self-hosted Sentry's database (docs/runbook.md, "Docker compose").
--
-- Run as PostgreSQL's superuser, connected to the database Sentry uses (docker compose: `postgres`):
--   docker compose exec -T postgres psql -X -U postgres -d postgres -v ON_ERROR_STOP=1 < least-privilege.sql
-- then give each role a password (psql asks; it never appears in a command line or a log):
--   docker compose exec postgres psql -U postgres -c '\password sentry_migrate'
--   docker compose exec postgres psql -U postgres -c '\password sentry_migrate_read'
--
-- Safe to run again; run it again after a Sentry upgrade (a new release may add one of the tables below).
-- The test Tests/SelfHostedTests/LeastPrivilegeTests.swift runs this very file and applies as these roles.
--
--   sentry_migrate_read  read, plan, verify, status: SELECT on the tables sentry-migrate reads, nothing else.
--   sentry_migrate       apply: the same, plus writes on exactly the tables apply writes, the id sequences
--                        of the tables it inserts into, and its own schema `sentry_migrate` (the journal).
-- Advisory locks (pg_try_advisory_xact_lock) need no privilege. CONNECT on the database is PUBLIC's by
-- default; if you revoked it, grant it: GRANT CONNECT ON DATABASE postgres TO sentry_migrate_read, sentry_migrate;

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sentry_migrate_read') THEN
        CREATE ROLE sentry_migrate_read LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sentry_migrate') THEN
        CREATE ROLE sentry_migrate LOGIN;
    END IF;
END
$roles$;

-- apply reads everything the reader reads.
GRANT sentry_migrate_read TO sentry_migrate;
GRANT USAGE ON SCHEMA public TO sentry_migrate_read;

-- Per table: SELECT for both roles, then what apply does to it. A table this Sentry version does not
-- have is skipped (e.g. sentry_actor exists up to 24.5, sentry_projectkeymapping from 26.x on).
-- Each table apply inserts into also gets USAGE on its id sequence (apply takes ids with nextval).
DO $grants$
DECLARE
    item record;
    id_sequence text;
BEGIN
    FOR item IN
        SELECT * FROM (VALUES
            -- read to detect the Sentry version (column types) and to read the organization
            ('django_migrations',                              ''),
            -- (and --prune of a project keeps its old slug in option pending-delete:Project:<id>;
            -- organization settings are replaced: a setting the snapshot no longer names is deleted)
            ('sentry_organizationoptions',                     'INSERT, UPDATE, DELETE'),
            -- --prune of a project or team schedules Sentry's own deletion task
            ('sentry_regionscheduleddeletion',                 'INSERT, UPDATE'),
            ('sentry_regionoutbox',                            ''),
            ('sentry_controloutbox',                           ''),
            -- users: apply creates unclaimed users for members whose identity policy is `create`
            ('auth_user',                                      'INSERT'),
            ('sentry_useremail',                               'INSERT'),
            ('sentry_email',                                   'INSERT'),
            -- organization stage
            ('sentry_organization',                            'INSERT, UPDATE'),
            ('sentry_organizationmapping',                     'INSERT, UPDATE'),
            ('sentry_organizationslugreservation',             'INSERT'),
            ('hybridcloud_organizationslugreservationreplica', 'INSERT'),
            -- teams stage (a deleted team is marked pending deletion and renamed, not removed)
            ('sentry_team',                                    'INSERT, UPDATE'),
            ('sentry_teamreplica',                             'INSERT, UPDATE'),
            ('sentry_actor',                                   'INSERT'),
            -- members stage
            ('sentry_organizationmember',                      'INSERT, UPDATE, DELETE'),
            ('sentry_organizationmembermapping',               'INSERT, UPDATE, DELETE'),
            ('sentry_organizationmember_teams',                'INSERT, UPDATE, DELETE'),
            ('sentry_organizationmember_teamsreplica',         'INSERT, UPDATE, DELETE'),
            -- rows that refer to a deleted member go with it, as Django's CASCADE (docs/apply.md)
            ('sentry_organizationaccessrequest',               'DELETE'),
            ('sentry_organizationmemberinvite',                'DELETE'),
            -- projects stage (a deleted project is marked pending deletion and renamed, not removed)
            ('sentry_project',                                 'INSERT, UPDATE'),
            ('sentry_projectteam',                             'INSERT, DELETE'),
            ('sentry_projectoptions',                          'INSERT, DELETE'),
            -- environments: one row per name in the organization, one per project with is_hidden
            ('sentry_environment',                             'INSERT'),
            ('sentry_environmentproject',                      'INSERT, UPDATE'),
            -- keys stage
            ('sentry_projectkey',                              'INSERT, UPDATE, DELETE'),
            ('sentry_projectkeymapping',                       'INSERT, DELETE'),
            -- ownership stage
            ('sentry_projectownership',                        'INSERT, UPDATE, DELETE'),
            -- rules stage: issue alert rules, their activity, the environments they name; installed
            -- integrations are only read (rules resolve their actions against them)
            ('sentry_rule',                                    'INSERT, UPDATE'),
            ('sentry_ruleactivity',                            'INSERT'),
            ('sentry_environment',                             'INSERT'),
            ('sentry_environmentproject',                      'INSERT'),
            -- metric-alerts stage: the Snuba query, its event types and subscriptions (left for
            -- Sentry's subscription_checker to create, re-create or remove in Snuba), the alert, its
            -- projects (24.x+), activity, triggers and actions; updates change them in place, --prune
            -- deletes an alert with the rows that refer to it (23.x) or marks it a snapshot (24.x+)
            ('sentry_snubaquery',                              'INSERT, UPDATE'),
            ('sentry_snubaqueryeventtype',                     'INSERT, DELETE'),
            ('sentry_querysubscription',                       'INSERT, UPDATE'),
            ('sentry_alertrule',                               'INSERT, UPDATE, DELETE'),
            ('sentry_alertruleprojects',                       'INSERT, DELETE'),
            ('sentry_alertruleactivity',                       'INSERT, DELETE'),
            ('sentry_alertruleexcludedprojects',               'DELETE'),
            ('sentry_alertruletrigger',                        'INSERT, UPDATE, DELETE'),
            ('sentry_alertruletriggeraction',                  'INSERT, UPDATE, DELETE'),
            ('sentry_alertruletriggerexclusion',               'DELETE'),
            -- read only: an alert with incidents is never changed in place
            ('sentry_incident',                                ''),
            ('sentry_integration',                             ''),
            ('sentry_organizationintegration',                 '')
        ) AS tables(name, apply_privileges)
    LOOP
        CONTINUE WHEN to_regclass(format('public.%I', item.name)) IS NULL;
        EXECUTE format('GRANT SELECT ON public.%I TO sentry_migrate_read', item.name);
        CONTINUE WHEN item.apply_privileges = '';
        EXECUTE format('GRANT %s ON public.%I TO sentry_migrate', item.apply_privileges, item.name);
        id_sequence := pg_get_serial_sequence(format('public.%I', item.name), 'id');
        IF id_sequence IS NOT NULL THEN
            EXECUTE format('GRANT USAGE ON SEQUENCE %s TO sentry_migrate', id_sequence);
        END IF;
    END LOOP;

    -- Of the users, sentry-migrate reads id, e-mail and name (and, from 25.6, email_unique, to leave
    -- an address another user holds there alone), never password hashes or session data.
    REVOKE SELECT ON public.auth_user FROM sentry_migrate_read;
    GRANT SELECT (id, email, first_name) ON public.auth_user TO sentry_migrate_read;
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'
               AND table_name = 'auth_user' AND column_name = 'email_unique') THEN
        GRANT SELECT (email_unique) ON public.auth_user TO sentry_migrate_read;
    END IF;

    -- Projects keep their hosted ids; afterwards apply moves the sequence past them with setval, as
    -- Sentry's own PROJECT_SEQUENCE_FIX does (setval needs UPDATE on the sequence).
    EXECUTE format(
        'GRANT UPDATE ON SEQUENCE %s TO sentry_migrate', pg_get_serial_sequence('public.sentry_project', 'id'));
END
$grants$;

-- The journal: schema `sentry_migrate`, owned by the apply role, which creates its table on first apply.
CREATE SCHEMA IF NOT EXISTS sentry_migrate AUTHORIZATION sentry_migrate;
ALTER SCHEMA sentry_migrate OWNER TO sentry_migrate;
DO $journal$
BEGIN
    -- A journal an earlier apply created as another role (e.g. postgres) passes to the apply role.
    IF to_regclass('sentry_migrate.journal') IS NOT NULL THEN
        ALTER TABLE sentry_migrate.journal OWNER TO sentry_migrate;
    END IF;
END
$journal$;
GRANT USAGE ON SCHEMA sentry_migrate TO sentry_migrate_read;
GRANT SELECT ON ALL TABLES IN SCHEMA sentry_migrate TO sentry_migrate_read;
ALTER DEFAULT PRIVILEGES FOR ROLE sentry_migrate IN SCHEMA sentry_migrate GRANT SELECT ON TABLES TO sentry_migrate_read;
