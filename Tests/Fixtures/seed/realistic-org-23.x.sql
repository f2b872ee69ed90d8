-- Rows Sentry 23.7.1's own code writes beside realistic-org.sql (ORM-WRITES-23.7.1.md): team
-- actors, the organization and member mappings, and sentry_email. For sentry-23.7.1.sql.
-- Load after realistic-org.sql: psql -v ON_ERROR_STOP=1 -d DB -f realistic-org-23.x.sql

BEGIN;
SET LOCAL search_path = public;

-- Team actors: the Team post_save receiver inserts sentry_actor (type 0 = team) and points
-- sentry_team.actor_id back at it; users get actors lazily, so none here.
INSERT INTO sentry_actor (id, type, team_id, user_id) VALUES
    (1301, 0, 301, NULL),
    (1302, 0, 302, NULL),
    (1303, 0, 303, NULL),
    (1304, 0, 304, NULL),
    (1305, 0, 305, NULL),
    (1306, 0, 306, NULL),
    (1307, 0, 401, NULL),
    (1308, 0, 402, NULL);
UPDATE sentry_team SET actor_id = sentry_actor.id FROM sentry_actor WHERE sentry_actor.team_id = sentry_team.id;

-- The organization mapping Sentry drains from the ORGANIZATION_UPDATE region outbox
-- (idempotency_key '', region '--monolith--', status 0; 23.7.1 has no flag columns yet).
INSERT INTO sentry_organizationmapping (id, organization_id, slug, name, date_created, customer_id,
    verified, idempotency_key, region_name, status) VALUES
    (1, 4242, 'acme-corp', 'Ācme “Quoted” Corp''s Org', '2024-01-10 09:05:01+00', NULL, false, '', '--monolith--', 0),
    (2, 4243, 'other-org', 'Other Org', '2024-02-01 09:05:01+00', NULL, false, '', '--monolith--', 0);

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

SELECT setval('sentry_actor_id_seq', (SELECT max(id) FROM sentry_actor));
SELECT setval('sentry_organizationmapping_id_seq', (SELECT max(id) FROM sentry_organizationmapping));
SELECT setval('sentry_organizationmembermapping_id_seq', (SELECT max(id) FROM sentry_organizationmembermapping));
SELECT setval('sentry_email_id_seq', (SELECT max(id) FROM sentry_email));

COMMIT;
