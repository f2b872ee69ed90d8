-- A realistic organization, as Sentry's ORM leaves it, that loads on every schema fixture
-- (sentry-23.7.1.sql, -24.x, -25.10, -26.x, with or without small-ints.sql): every column list
-- below exists in all four, and option/ownership-schema values are untyped literals that
-- PostgreSQL coerces to text (≤25.7) or jsonb (after). Load the profile's extras file after it
-- (realistic-org-23.x.sql, -24.x, -25.10, -26.x): mapping, replica, actor and key-mapping rows.
--
-- Row shapes follow shared/reference/schema/ORM-WRITES-23.7.1.md. What a reader of
-- organization 'acme-corp' must produce from it is Tests/SelfHostedTests/Support/SeedExpectation.swift;
-- the traps it sets for such a reader are marked TRAP.
--
-- Load: psql -v ON_ERROR_STOP=1 -d DB -f realistic-org.sql   (no psql meta-commands: PQexec works too)

BEGIN;
SET LOCAL search_path = public;

-- Users. Usernames are the e-mails as typed (`sentry createuser`); TRAP: 102 has upper case,
-- 104 has no name, 101 belongs to both organizations, 108 only to the other one.
INSERT INTO auth_user (id, password, last_login, username, first_name, email, is_staff, is_active,
    is_superuser, is_managed, is_sentry_app, is_password_expired, last_password_change, flags,
    session_nonce, date_joined, last_active, avatar_type, avatar_url) VALUES
    (101, 'pbkdf2_sha256$600000$fixtureSaltOlivia$fixtureHashOnlyNotARealPasswordHash0000000=', '2024-05-02 08:15:00+00',
        'olivia@acme.example', 'Olivia Owner', 'olivia@acme.example', false, true,
        true, false, NULL, false, '2024-01-10 09:00:00+00', 0,
        NULL, '2024-01-10 09:00:00+00', '2024-05-02 08:15:00+00', 0, NULL),
    (102, 'pbkdf2_sha256$600000$fixtureSaltMarek$fixtureHashOnlyNotARealPasswordHash00000000=', '2024-04-30 17:45:00+00',
        'Marek.Manager@Acme.Example', 'Marek Manager', 'Marek.Manager@Acme.Example', false, true,
        false, false, NULL, false, '2024-01-11 09:00:00+00', 0,
        NULL, '2024-01-11 09:00:00+00', '2024-04-30 17:45:00+00', 0, NULL),
    (103, 'pbkdf2_sha256$600000$fixtureSaltAda$fixtureHashOnlyNotARealPasswordHash0000000000=', NULL,
        'ada@acme.example', 'Ada Admin', 'ada@acme.example', false, true,
        false, false, NULL, false, '2024-01-12 09:00:00+00', 0,
        NULL, '2024-01-12 09:00:00+00', '2024-01-12 09:00:00+00', 0, NULL),
    (104, 'pbkdf2_sha256$600000$fixtureSaltNoName$fixtureHashOnlyNotARealPasswordHash0000000=', NULL,
        'noname@acme.example', '', 'noname@acme.example', false, true,
        false, false, NULL, false, '2024-01-13 09:00:00+00', 0,
        NULL, '2024-01-13 09:00:00+00', '2024-01-13 09:00:00+00', 0, NULL),
    (105, 'pbkdf2_sha256$600000$fixtureSaltZoe$fixtureHashOnlyNotARealPasswordHash0000000000=', NULL,
        'zoe@acme.example', 'Zoë Ünicode-Ström', 'zoe@acme.example', false, true,
        false, false, NULL, false, '2024-01-14 09:00:00+00', 0,
        NULL, '2024-01-14 09:00:00+00', '2024-01-14 09:00:00+00', 1, NULL),
    (106, 'pbkdf2_sha256$600000$fixtureSaltBob$fixtureHashOnlyNotARealPasswordHash0000000000=', NULL,
        'bob@acme.example', 'Bob Builder', 'bob@acme.example', false, true,
        false, false, NULL, false, '2024-01-15 09:00:00+00', 0,
        NULL, '2024-01-15 09:00:00+00', '2024-01-15 09:00:00+00', 0, NULL),
    (107, 'pbkdf2_sha256$600000$fixtureSaltCarol$fixtureHashOnlyNotARealPasswordHash00000000=', NULL,
        'carol@acme.example', 'Carol', 'carol@acme.example', false, true,
        false, false, NULL, false, '2024-01-16 09:00:00+00', 0,
        NULL, '2024-01-16 09:00:00+00', '2024-01-16 09:00:00+00', 0, NULL),
    (108, 'pbkdf2_sha256$600000$fixtureSaltOscar$fixtureHashOnlyNotARealPasswordHash00000000=', NULL,
        'oscar@other.example', 'Oscar Other', 'oscar@other.example', false, true,
        false, false, NULL, false, '2024-02-01 09:00:00+00', 0,
        NULL, '2024-02-01 09:00:00+00', '2024-02-01 09:00:00+00', 0, NULL);

-- The primary e-mail row the User post_save receiver writes (validation_hash: 32 characters).
INSERT INTO sentry_useremail (id, user_id, email, validation_hash, date_hash_added, is_verified) VALUES
    (201, 101, 'olivia@acme.example', 'c28664f6a792443c329078f05a4b1e4d', '2024-01-10 09:00:00+00', true),
    (202, 102, 'Marek.Manager@Acme.Example', '83470f295cb10bdd22b972d2837a39fb', '2024-01-11 09:00:00+00', true),
    (203, 103, 'ada@acme.example', 'b1bba060115a67bfbc0c8d0bc9aadfb9', '2024-01-12 09:00:00+00', false),
    (204, 104, 'noname@acme.example', '7a3c7cda9ace69bdec326854256414bb', '2024-01-13 09:00:00+00', false),
    (205, 105, 'zoe@acme.example', '70a4dcfe4226844fcb658216a88e2bfa', '2024-01-14 09:00:00+00', true),
    (206, 106, 'bob@acme.example', 'e7793cfb34c952c5e075be2323738139', '2024-01-15 09:00:00+00', false),
    (207, 107, 'carol@acme.example', '91b0ac5d15d1be7c58421da78f0a6afc', '2024-01-16 09:00:00+00', false),
    (208, 108, 'oscar@other.example', '7c2058761e2c71a7d4aceaef88f50663', '2024-02-01 09:00:00+00', true);

-- Organizations. acme-corp flags = 279: allow_joinleave 1 + enhanced_privacy 2 +
-- disable_shared_issues 4 + require_2fa 16 + disable_member_project_creation 256 (not carried).
INSERT INTO sentry_organization (id, name, slug, status, date_added, default_role, flags, is_test) VALUES
    (4242, 'Ācme “Quoted” Corp''s Org', 'acme-corp', 0, '2024-01-10 09:05:00+00', 'member', 279, false),
    (4243, 'Other Org', 'other-org', 0, '2024-02-01 09:05:00+00', 'member', 1, false);

INSERT INTO sentry_organizationoptions (id, organization_id, key, value) VALUES
    (251, 4242, 'sentry:join_requests', 'false'),
    (252, 4242, 'sentry:require_scrub_ip_address', 'true'),
    (253, 4242, 'sentry:sensitive_fields', '["card_number","iban"]'),
    (254, 4243, 'sentry:join_requests', 'true');

-- Teams. TRAP: 303 has a 50-character slug, 304 a name with ' " \ ; and an emoji, 306 is being
-- deleted (status 2), 401 reuses acme's slug 'backend' in the other organization.
INSERT INTO sentry_team (id, organization_id, slug, name, status, idp_provisioned, date_added) VALUES
    (301, 4242, 'backend', 'Backend', 0, false, '2024-01-10 09:10:00+00'),
    (302, 4242, 'frontend', 'Frontend', 0, false, '2024-01-10 09:11:00+00'),
    (303, 4242, 'platform-infrastructure-and-site-reliability-team1', 'Platform Infrastructure & SRE', 0, false, '2024-01-10 09:12:00+00'),
    (304, 4242, 'quoting', 'Qu''o"te\;🚀 Team', 0, false, '2024-01-10 09:13:00+00'),
    (305, 4242, 'mobile', 'Mobile', 0, true, '2024-01-10 09:14:00+00'),
    (306, 4242, 'legacy', 'Legacy', 2, false, '2024-01-10 09:15:00+00'),
    (401, 4243, 'backend', 'Backend', 0, false, '2024-02-01 09:10:00+00'),
    (402, 4243, 'ops', 'Ops', 0, false, '2024-02-01 09:11:00+00');

-- Members and pending invites. Linked members: user_id set, email NULL, user_email copied from
-- the user. Invites: user_id NULL, email set, 64-hex token, 30-day expiry, invite_status 0.
-- TRAP: 5011 is a join request (invite_status 2), not a member; 6003 invites the same address
-- as 5008 into the other organization.
INSERT INTO sentry_organizationmember (id, organization_id, user_id, email, role, flags, token,
    date_added, token_expires_at, has_global_access, inviter_id, invite_status, type,
    user_is_active, user_email) VALUES
    (5001, 4242, 101, NULL, 'owner', 0, NULL, '2024-01-10 09:05:00+00', NULL, true, NULL, 0, 50, true, 'olivia@acme.example'),
    (5002, 4242, 102, NULL, 'manager', 0, NULL, '2024-01-11 09:05:00+00', NULL, true, 101, 0, 50, true, 'Marek.Manager@Acme.Example'),
    (5003, 4242, 103, NULL, 'admin', 0, NULL, '2024-01-12 09:05:00+00', NULL, true, 101, 0, 50, true, 'ada@acme.example'),
    (5004, 4242, 104, NULL, 'member', 0, NULL, '2024-01-13 09:05:00+00', NULL, true, 102, 0, 50, true, 'noname@acme.example'),
    (5005, 4242, 105, NULL, 'member', 1, NULL, '2024-01-14 09:05:00+00', NULL, true, 102, 0, 50, true, 'zoe@acme.example'),
    (5006, 4242, 106, NULL, 'member', 0, NULL, '2024-01-15 09:05:00+00', NULL, true, 101, 0, 50, true, 'bob@acme.example'),
    (5007, 4242, 107, NULL, 'member', 0, NULL, '2024-01-16 09:05:00+00', NULL, true, 101, 0, 50, true, 'carol@acme.example'),
    (5008, 4242, NULL, 'pending.one@acme.example', 'member', 0, '8732402e8cb73daa67a522f28b195990a908e3e6d7d5a90776037435462aaec0',
        '2024-04-01 10:00:00+00', '2024-05-01 10:00:00+00', true, 101, 0, 50, true, NULL),
    (5009, 4242, NULL, 'pending.two@acme.example', 'admin', 0, '65b29941944932e2bd6fd620e38f8c3d9c914e63e6f6a963a7c52199ff147264',
        '2024-04-02 10:00:00+00', '2024-05-02 10:00:00+00', true, 102, 0, 50, true, NULL),
    (5010, 4242, NULL, 'contractor@partner.example', 'member', 0, '2b1c219a8710fd6aad4104cc9ae51e5a8e6a2c96017c81630a710d0653d26449',
        '2024-04-03 10:00:00+00', '2024-05-03 10:00:00+00', true, 101, 0, 50, true, NULL),
    (5011, 4242, NULL, 'jenny.joiner@example.net', 'member', 0, NULL,
        '2024-04-04 10:00:00+00', NULL, true, NULL, 2, 50, true, NULL),
    (6001, 4243, 108, NULL, 'owner', 0, NULL, '2024-02-01 09:05:00+00', NULL, true, NULL, 0, 50, true, 'oscar@other.example'),
    (6002, 4243, 101, NULL, 'member', 0, NULL, '2024-02-02 09:05:00+00', NULL, true, 108, 0, 50, true, 'olivia@acme.example'),
    (6003, 4243, NULL, 'pending.one@acme.example', 'member', 0, '1065d4b71eefe12c0d3db93f38e561d21d4807d488ed270fcde4f01241ed5728',
        '2024-04-05 10:00:00+00', '2024-05-05 10:00:00+00', true, 108, 0, 50, true, NULL);

-- Member ↔ team. Team roles 'admin', 'contributor' and NULL (follows the org role).
-- TRAP: 7010 points at the team being deleted, 7011 is inactive.
INSERT INTO sentry_organizationmember_teams (id, organizationmember_id, team_id, is_active, role) VALUES
    (7001, 5001, 301, true, NULL),
    (7002, 5001, 302, true, 'admin'),
    (7003, 5002, 301, true, 'admin'),
    (7004, 5002, 305, true, NULL),
    (7005, 5003, 304, true, 'contributor'),
    (7006, 5004, 302, true, NULL),
    (7007, 5005, 303, true, 'contributor'),
    (7008, 5005, 305, true, NULL),
    (7009, 5006, 301, true, 'contributor'),
    (7010, 5006, 306, true, NULL),
    (7011, 5007, 302, false, NULL),
    (7012, 5007, 301, true, NULL),
    (7013, 5008, 301, true, NULL),
    (7014, 5008, 302, true, NULL),
    (7015, 6001, 401, true, 'admin'),
    (7016, 6002, 402, true, NULL);

-- Projects (flags 10 = has_issue_alerts_targeting | has_alert_filters, as the ORM writes).
-- TRAP: 9003 has a 50-character slug and no platform, 9004 no team, 9005 is pending deletion
-- (status 2), 9101 reuses acme's slug 'api' in the other organization.
INSERT INTO sentry_project (id, slug, name, forced_color, public, date_added, status, first_event,
    flags, platform, organization_id) VALUES
    (9001, 'api', 'API', NULL, false, '2024-01-20 10:00:00+00', 0, '2024-01-21 12:00:00+00', 10, 'python', 4242),
    (9002, 'web', 'Web', NULL, false, '2024-01-20 10:05:00+00', 0, '2024-01-22 12:00:00+00', 11, 'javascript-react', 4242),
    (9003, 'customer-facing-checkout-experience-web-frontend-1', 'Checkout “Web”', NULL, false, '2024-01-20 10:10:00+00', 0, NULL, 10, NULL, 4242),
    (9004, 'internal-tools', 'Internal Tools — Ops', NULL, false, '2024-01-20 10:15:00+00', 0, NULL, 10, 'node', 4242),
    (9005, 'old-service', 'Old Service', NULL, false, '2023-06-01 10:00:00+00', 2, '2023-06-02 12:00:00+00', 10, 'python', 4242),
    (9101, 'api', 'API', NULL, false, '2024-02-01 10:00:00+00', 0, NULL, 10, 'python', 4243);

-- Project ↔ team. 9001 has three teams; 9003's second team is being deleted.
INSERT INTO sentry_projectteam (id, project_id, team_id) VALUES
    (8001, 9001, 301),
    (8002, 9001, 303),
    (8003, 9001, 304),
    (8004, 9002, 302),
    (8005, 9003, 302),
    (8006, 9003, 306),
    (8007, 9005, 301),
    (8008, 9101, 401);

-- Client keys. roles: 1 store, 2 api. status: 0 active, 1 inactive.
-- TRAP: 11003 has no label and is inactive, 11004 is api-only, 11011 has an empty label and a
-- count without a window, 11012 is store+api.
INSERT INTO sentry_projectkey (id, project_id, label, public_key, secret_key, roles, status,
    date_added, rate_limit_count, rate_limit_window, data) VALUES
    (11001, 9001, 'Default', '0d9450bcac8ddfb87505d82f4d38492b', '16d1f84a87b5e9502f015bf44d11854f', 1, 0,
        '2024-01-20 10:00:00+00', NULL, NULL, '{"dynamicSdkLoaderOptions":{"hasPerformance":true,"hasReplay":true}}'),
    (11002, 9001, 'Backend ingest', '98c91239ef3353257ed6c4ec71440719', 'ef2b028af60269d833601b69d64e70c3', 1, 0,
        '2024-02-10 10:00:00+00', 1000, 60, '{}'),
    (11003, 9001, NULL, '74288d25c87387a5d7cf98ee2a678dce', '299007bea97a6166c7986bf7a2b2f48d', 1, 1,
        '2024-02-11 10:00:00+00', NULL, NULL, '{}'),
    (11004, 9001, 'API only', 'f4afd8417a16f6790cef28583b818a9f', '15d05f592ce14e784f892a33498ec342', 2, 0,
        '2024-02-12 10:00:00+00', NULL, NULL, '{}'),
    (11010, 9002, 'Default', 'b83d7e41bfc423b5e7f2096c2035b30f', '7ae47357bdb7134142c049fa632e0a88', 1, 0,
        '2024-01-20 10:05:00+00', NULL, NULL,
        '{"browserSdkVersion":"8.x","dynamicSdkLoaderOptions":{"hasDebug":true,"hasFeedback":true,"hasLogsAndMetrics":false,"hasPerformance":true,"hasReplay":false}}'),
    (11011, 9002, '', '81040e1d1c5431ba3f753e28cd270ef6', '02958ea641d0a0cc61bbbc6cf41c13a1', 1, 0,
        '2024-02-13 10:00:00+00', 500, NULL, '{}'),
    (11012, 9002, 'Store + API', 'e457aa0469cfd1d3aac1bb86d484cb65', 'ced814f8e7e5c7e6526a7e829c9886b4', 3, 0,
        '2024-02-14 10:00:00+00', NULL, NULL, '{}'),
    (11020, 9003, 'Default', 'a0fad22a66ac63fc5006c379ce3c72eb', '8cc2b70e3e9ab811897e34eefb2d4a3f', 1, 0,
        '2024-01-20 10:10:00+00', NULL, NULL, '{"dynamicSdkLoaderOptions":{"hasReplay":true}}'),
    (11030, 9004, 'Default', '90d60d76fca68f600752c0db8b51ad1b', '72110342c9becb2ebc6720248cce8df4', 1, 0,
        '2024-01-20 10:15:00+00', NULL, NULL, '{"browserSdkVersion":"7.x"}'),
    (11040, 9005, 'Default', '1006b0ea0ffa46438585e6299c9e415a', '7c2f2dd71fdee34f27dbe7f7036cb5b8', 1, 0,
        '2023-06-01 10:00:00+00', NULL, NULL, '{"dynamicSdkLoaderOptions":{"hasPerformance":true,"hasReplay":true}}'),
    (11050, 9101, 'Default', 'b89385d6755f00eba80cd74be87f8792', 'e1d471c0ebffc7d3991359efef566338', 1, 0,
        '2024-02-01 10:00:00+00', NULL, NULL, '{"dynamicSdkLoaderOptions":{"hasPerformance":true,"hasReplay":true}}');

-- Project options, encoded as Sentry writes them (compact JSON): canonical strings "1"/"0" for
-- the boolean filters, a JSON list for legacy-browser subfilters, JSON false for
-- react-hydration-errors. TRAP: 9002 has epoch 5 (web crawlers default ON) and a JSON boolean
-- for chunk-load-error; 9003 has only an epoch (every filter at its default); 9004 has no
-- options at all (epoch 1 defaults: web crawlers ON).
INSERT INTO sentry_projectoptions (id, project_id, key, value) VALUES
    (13001, 9001, 'sentry:option-epoch', '11'),
    (13002, 9001, 'sentry:relay-rev', '"1070ce274f78436cad09d8719104a9d2"'),
    (13003, 9001, 'sentry:relay-rev-lastchange', '"2024-03-01T12:00:00.000000Z"'),
    (13004, 9001, 'filters:browser-extensions', '"1"'),
    (13005, 9001, 'filters:localhost', '"0"'),
    (13006, 9001, 'filters:web-crawlers', '"1"'),
    (13007, 9001, 'filters:filtered-transaction', '"0"'),
    (13008, 9001, 'filters:legacy-browsers', '["ie","safari","edge_pre_79"]'),
    (13009, 9001, 'sentry:blacklisted_ips', '["10.0.0.1","192.168.0.0/16","2001:db8::/32"]'),
    (13010, 9001, 'sentry:releases', '["1.0.0-beta","0.9.*"]'),
    (13011, 9001, 'sentry:error_messages', '["TypeError: Cannot read property ''x'' of undefined","*ResizeObserver loop*","Error: \"Quoted\" MESSAGE"]'),
    (13012, 9001, 'filters:react-hydration-errors', 'false'),
    (13013, 9001, 'filters:chunk-load-error', '"0"'),
    (13021, 9002, 'sentry:option-epoch', '5'),
    (13022, 9002, 'filters:legacy-browsers', '"1"'),
    (13023, 9002, 'filters:localhost', '"1"'),
    (13024, 9002, 'filters:react-hydration-errors', '"1"'),
    (13025, 9002, 'filters:chunk-load-error', 'true'),
    (13026, 9002, 'sentry:blacklisted_ips', '[]'),
    (13031, 9003, 'sentry:option-epoch', '11'),
    (13032, 9003, 'sentry:relay-rev', '"550585411d1c476882cdfd687dcd120d"'),
    (13051, 9005, 'sentry:option-epoch', '11'),
    (13052, 9005, 'filters:localhost', '"1"'),
    (13061, 9101, 'sentry:option-epoch', '11'),
    (13062, 9101, 'filters:legacy-browsers', '"0"'),
    (13063, 9101, 'filters:web-crawlers', '"1"');

-- Ownership. raw is what the user typed (comments, blank lines, a quoted path with a space);
-- schema is dump_schema(parse_rules(raw)) without owner ids. 9001: fallthrough on, auto-assign
-- to issue owner, codeowners_auto_sync NULL; 9002: fallthrough off, suspect commits; 9003:
-- auto-assignment off (suspect_committer set but ignored); 9004: no row.
INSERT INTO sentry_projectownership (id, project_id, raw, schema, fallthrough, auto_assignment,
    date_created, last_updated, is_active, codeowners_auto_sync, suspect_committer_auto_assignment) VALUES
    (12001, 9001, '# Ownership for the API service.
# Owners are e-mails or #team slugs.

path:src/payments/* #backend olivia@acme.example
path:"src/legacy code/**" #quoting
url:*/checkout/* marek.manager@acme.example

# Production alerts go to SRE
tags.environment:production #platform-infrastructure-and-site-reliability-team1
module:com.acme.billing ada@acme.example
codeowners:/src/api/ #backend',
        '{"$version":1,"rules":[{"matcher":{"type":"path","pattern":"src/payments/*"},"owners":[{"type":"team","identifier":"backend"},{"type":"user","identifier":"olivia@acme.example"}]},{"matcher":{"type":"path","pattern":"src/legacy code/**"},"owners":[{"type":"team","identifier":"quoting"}]},{"matcher":{"type":"url","pattern":"*/checkout/*"},"owners":[{"type":"user","identifier":"marek.manager@acme.example"}]},{"matcher":{"type":"tags.environment","pattern":"production"},"owners":[{"type":"team","identifier":"platform-infrastructure-and-site-reliability-team1"}]},{"matcher":{"type":"module","pattern":"com.acme.billing"},"owners":[{"type":"user","identifier":"ada@acme.example"}]},{"matcher":{"type":"codeowners","pattern":"/src/api/"},"owners":[{"type":"team","identifier":"backend"}]}]}',
        true, true, '2024-03-01 12:00:00+00', '2024-03-05 12:00:00+00', true, NULL, false),
    (12002, 9002, 'url:https://acme.example/* #frontend
path:src/web/** noname@acme.example zoe@acme.example',
        '{"$version":1,"rules":[{"matcher":{"type":"url","pattern":"https://acme.example/*"},"owners":[{"type":"team","identifier":"frontend"}]},{"matcher":{"type":"path","pattern":"src/web/**"},"owners":[{"type":"user","identifier":"noname@acme.example"},{"type":"user","identifier":"zoe@acme.example"}]}]}',
        false, true, '2024-03-02 12:00:00+00', '2024-03-02 12:00:00+00', true, false, true),
    (12003, 9003, 'path:checkout/** #frontend',
        '{"$version":1,"rules":[{"matcher":{"type":"path","pattern":"checkout/**"},"owners":[{"type":"team","identifier":"frontend"}]}]}',
        true, false, '2024-03-03 12:00:00+00', '2024-03-03 12:00:00+00', true, true, true),
    (12005, 9005, 'path:* #backend',
        '{"$version":1,"rules":[{"matcher":{"type":"path","pattern":"*"},"owners":[{"type":"team","identifier":"backend"}]}]}',
        true, true, '2023-06-01 12:00:00+00', '2023-06-01 12:00:00+00', true, true, false),
    (12101, 9101, 'path:* #backend',
        '{"$version":1,"rules":[{"matcher":{"type":"path","pattern":"*"},"owners":[{"type":"team","identifier":"backend"}]}]}',
        false, false, '2024-02-01 12:00:00+00', '2024-02-01 12:00:00+00', true, true, false);

-- Explicit ids above: move every sequence past them, as Sentry's PROJECT_SEQUENCE_FIX does.
SELECT setval('auth_user_id_seq', (SELECT max(id) FROM auth_user));
SELECT setval('sentry_useremail_id_seq', (SELECT max(id) FROM sentry_useremail));
SELECT setval('sentry_organization_id_seq', (SELECT max(id) FROM sentry_organization));
SELECT setval('sentry_organizationoptions_id_seq', (SELECT max(id) FROM sentry_organizationoptions));
SELECT setval('sentry_team_id_seq', (SELECT max(id) FROM sentry_team));
SELECT setval('sentry_organizationmember_id_seq', (SELECT max(id) FROM sentry_organizationmember));
SELECT setval('sentry_organizationmember_teams_id_seq', (SELECT max(id) FROM sentry_organizationmember_teams));
SELECT setval('sentry_project_id_seq', (SELECT max(id) FROM sentry_project));
SELECT setval('sentry_projectteam_id_seq', (SELECT max(id) FROM sentry_projectteam));
SELECT setval('sentry_projectkey_id_seq', (SELECT max(id) FROM sentry_projectkey));
SELECT setval('sentry_projectoptions_id_seq', (SELECT max(id) FROM sentry_projectoptions));
SELECT setval('sentry_projectownership_id_seq', (SELECT max(id) FROM sentry_projectownership));

COMMIT;
