-- Faults written behind apply's back in scenario 'example'; each `-- want:` line is a MISMATCH the
-- checker must print (run.sh tamper).
-- A filter stored as the JSON number 1: Relay filters (!= "0"), the Inbound Filters page shows it off.
-- want: filters/web browserExtensions (Relay config isEnabled)
UPDATE sentry_projectoptions SET value = '1'
WHERE key = 'filters:browser-extensions' AND project_id = (SELECT id FROM sentry_project WHERE slug = 'web');
-- A key deactivated, a role changed, a member-mapping row lost, ownership rules emptied.
-- want: keys/web/000000000000000000000000000000a8 active
UPDATE sentry_projectkey SET status = 1 WHERE public_key = '000000000000000000000000000000a8';
-- want: members/bob@acme.com role
UPDATE sentry_organizationmember SET role = 'member' WHERE user_id = (SELECT id FROM auth_user WHERE email = 'bob@acme.com');
-- want: members/carol@acme.com: no sentry_organizationmembermapping
DELETE FROM sentry_organizationmembermapping WHERE email = 'carol@acme.com';
-- want: ownership/checkout schema
UPDATE sentry_projectownership SET schema = '{"$version":1,"rules":[]}'
WHERE project_id = (SELECT id FROM sentry_project WHERE slug = 'checkout');
