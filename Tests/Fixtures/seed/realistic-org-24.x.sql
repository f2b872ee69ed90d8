-- Rows Sentry 24.x's and 25.10's own code writes beside realistic-org.sql: the slug reservation and its
-- replica, the organization mapping with its flag columns, member mappings, team and
-- member-team replicas, sentry_email, and a profiling key. No team actors (gone since 24.6).
-- For sentry-24.x.sql and sentry-25.10.sql: the tables these rows go to did not change between them.
-- Load after realistic-org.sql: psql -v ON_ERROR_STOP=1 -d DB -f realistic-org-24.x.sql

BEGIN;
SET LOCAL search_path = public;

-- PRIMARY slug reservations (reservation_type 0) in the monolith region; 24.x's mapping upsert
-- refuses to write a mapping without one (reference §6.2).
INSERT INTO sentry_organizationslugreservation (id, slug, organization_id, user_id, region_name,
    reservation_type, date_added) VALUES
    (1, 'acme-corp', 4242, 101, '--monolith--', 0, '2024-01-10 09:05:00+00'),
    (2, 'other-org', 4243, 108, '--monolith--', 0, '2024-02-01 09:05:00+00');

-- The region-side replica of each reservation.
INSERT INTO hybridcloud_organizationslugreservationreplica (id, organization_slug_reservation_id, slug,
    organization_id, user_id, region_name, reservation_type, date_added) VALUES
    (1, 1, 'acme-corp', 4242, 101, '--monolith--', 0, '2024-01-10 09:05:00+00'),
    (2, 2, 'other-org', 4243, 108, '--monolith--', 0, '2024-02-01 09:05:00+00');

-- The organization mapping (outbox drain, after the slug reservation it checks), with the
-- organization's flags copied into booleans: acme-corp flags 279 = 1 + 2 + 4 + 16 + 256.
INSERT INTO sentry_organizationmapping (id, organization_id, slug, name, date_created, customer_id,
    verified, idempotency_key, region_name, status, allow_joinleave, enhanced_privacy, disable_shared_issues, early_adopter, require_2fa,
    disable_new_visibility_features, require_email_verification, codecov_access,
    disable_member_project_creation, prevent_superuser_access, disable_member_invite) VALUES
    (1, 4242, 'acme-corp', 'Ācme “Quoted” Corp''s Org', '2024-01-10 09:05:01+00', NULL, false, '', '--monolith--', 0,
        true, true, true, false, true, false, false, false, true, false, false),
    (2, 4243, 'other-org', 'Other Org', '2024-02-01 09:05:01+00', NULL, false, '', '--monolith--', 0,
        true, false, false, false, false, false, false, false, false, false, false);

-- One member mapping per organization member row: linked users, invites and the join request.
INSERT INTO sentry_organizationmembermapping (id, organization_id, organizationmember_id, date_added, role,
    user_id, email, inviter_id, invite_status) VALUES
    (21001, 4242, 5001, '2024-01-10 09:05:00+00', 'owner', 101, NULL, NULL, 0),
    (21002, 4242, 5002, '2024-01-11 09:05:00+00', 'manager', 102, NULL, 101, 0),
    (21003, 4242, 5003, '2024-01-12 09:05:00+00', 'admin', 103, NULL, 101, 0),
    (21004, 4242, 5004, '2024-01-13 09:05:00+00', 'member', 104, NULL, 102, 0),
    (21005, 4242, 5005, '2024-01-14 09:05:00+00', 'member', 105, NULL, 102, 0),
    (21006, 4242, 5006, '2024-01-15 09:05:00+00', 'member', 106, NULL, 101, 0),
    (21007, 4242, 5007, '2024-01-16 09:05:00+00', 'member', 107, NULL, 101, 0),
    (21008, 4242, 5008, '2024-04-01 10:00:00+00', 'member', NULL, 'pending.one@acme.example', 101, 0),
    (21009, 4242, 5009, '2024-04-02 10:00:00+00', 'admin', NULL, 'pending.two@acme.example', 102, 0),
    (21010, 4242, 5010, '2024-04-03 10:00:00+00', 'member', NULL, 'contractor@partner.example', 101, 0),
    (21011, 4242, 5011, '2024-04-04 10:00:00+00', 'member', NULL, 'jenny.joiner@example.net', NULL, 2),
    (21012, 4243, 6001, '2024-02-01 09:05:00+00', 'owner', 108, NULL, NULL, 0),
    (21013, 4243, 6002, '2024-02-02 09:05:00+00', 'member', 101, NULL, 108, 0),
    (21014, 4243, 6003, '2024-04-05 10:00:00+00', 'member', NULL, 'pending.one@acme.example', 108, 0);

-- Team replicas (every team, with its status) and member-team replicas (every row, active or not).
INSERT INTO sentry_teamreplica (id, team_id, organization_id, slug, name, status, date_added, org_role) VALUES
    (22001, 301, 4242, 'backend', 'Backend', 0, '2024-01-10 09:10:00+00', NULL),
    (22002, 302, 4242, 'frontend', 'Frontend', 0, '2024-01-10 09:11:00+00', NULL),
    (22003, 303, 4242, 'platform-infrastructure-and-site-reliability-team1', 'Platform Infrastructure & SRE', 0, '2024-01-10 09:12:00+00', NULL),
    (22004, 304, 4242, 'quoting', 'Qu''o"te\;🚀 Team', 0, '2024-01-10 09:13:00+00', NULL),
    (22005, 305, 4242, 'mobile', 'Mobile', 0, '2024-01-10 09:14:00+00', NULL),
    (22006, 306, 4242, 'legacy', 'Legacy', 2, '2024-01-10 09:15:00+00', NULL),
    (22007, 401, 4243, 'backend', 'Backend', 0, '2024-02-01 09:10:00+00', NULL),
    (22008, 402, 4243, 'ops', 'Ops', 0, '2024-02-01 09:11:00+00', NULL);
INSERT INTO sentry_organizationmember_teamsreplica (id, team_id, organization_id, organizationmember_id,
    organizationmemberteam_id, is_active, role, date_added) VALUES
    (23001, 301, 4242, 5001, 7001, true, NULL, '2024-01-10 09:05:00+00'),
    (23002, 302, 4242, 5001, 7002, true, 'admin', '2024-01-10 09:05:00+00'),
    (23003, 301, 4242, 5002, 7003, true, 'admin', '2024-01-11 09:05:00+00'),
    (23004, 305, 4242, 5002, 7004, true, NULL, '2024-01-11 09:05:00+00'),
    (23005, 304, 4242, 5003, 7005, true, 'contributor', '2024-01-12 09:05:00+00'),
    (23006, 302, 4242, 5004, 7006, true, NULL, '2024-01-13 09:05:00+00'),
    (23007, 303, 4242, 5005, 7007, true, 'contributor', '2024-01-14 09:05:00+00'),
    (23008, 305, 4242, 5005, 7008, true, NULL, '2024-01-14 09:05:00+00'),
    (23009, 301, 4242, 5006, 7009, true, 'contributor', '2024-01-15 09:05:00+00'),
    (23010, 306, 4242, 5006, 7010, true, NULL, '2024-01-15 09:05:00+00'),
    (23011, 302, 4242, 5007, 7011, false, NULL, '2024-01-16 09:05:00+00'),
    (23012, 301, 4242, 5007, 7012, true, NULL, '2024-01-16 09:05:00+00'),
    (23013, 301, 4242, 5008, 7013, true, NULL, '2024-04-01 10:00:00+00'),
    (23014, 302, 4242, 5008, 7014, true, NULL, '2024-04-01 10:00:00+00'),
    (23015, 401, 4243, 6001, 7015, true, 'admin', '2024-02-01 09:05:00+00'),
    (23016, 402, 4243, 6002, 7016, true, NULL, '2024-02-02 09:05:00+00');

-- One sentry_email row per address, from the UserEmail post_save receiver (citext).
INSERT INTO sentry_email (id, email, date_added) VALUES
    (231, 'olivia@acme.example', '2024-01-10 09:00:00+00'),
    (232, 'Marek.Manager@Acme.Example', '2024-01-11 09:00:00+00'),
    (233, 'ada@acme.example', '2024-01-12 09:00:00+00'),
    (234, 'noname@acme.example', '2024-01-13 09:00:00+00'),
    (235, 'zoe@acme.example', '2024-01-14 09:00:00+00'),
    (236, 'bob@acme.example', '2024-01-15 09:00:00+00'),
    (237, 'carol@acme.example', '2024-01-16 09:00:00+00'),
    (238, 'oscar@other.example', '2024-02-01 09:00:00+00');

-- A key Sentry made for its own use (use_case 'profiling'): not a user DSN, not exported.
INSERT INTO sentry_projectkey (id, project_id, label, public_key, secret_key, roles, status,
    date_added, rate_limit_count, rate_limit_window, data, use_case) VALUES
    (11005, 9001, 'Profiling', '0373ab6605a4c53dfc177b78c4cac8dc', '188bd1828524b616927e358649e084d8', 1, 0,
        '2024-02-15 10:00:00+00', NULL, NULL, '{}', 'profiling');

SELECT setval('sentry_organizationslugreservation_id_seq', (SELECT max(id) FROM sentry_organizationslugreservation));
SELECT setval('hybridcloud_organizationslugreservationreplica_id_seq', (SELECT max(id) FROM hybridcloud_organizationslugreservationreplica));
SELECT setval('sentry_organizationmapping_id_seq', (SELECT max(id) FROM sentry_organizationmapping));
SELECT setval('sentry_organizationmembermapping_id_seq', (SELECT max(id) FROM sentry_organizationmembermapping));
SELECT setval('sentry_teamreplica_id_seq', (SELECT max(id) FROM sentry_teamreplica));
SELECT setval('sentry_organizationmember_teamsreplica_id_seq', (SELECT max(id) FROM sentry_organizationmember_teamsreplica));
SELECT setval('sentry_email_id_seq', (SELECT max(id) FROM sentry_email));
SELECT setval('sentry_projectkey_id_seq', (SELECT max(id) FROM sentry_projectkey));

COMMIT;
