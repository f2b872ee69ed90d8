-- The rows verify's invariant checks (Sources/SelfHosted/Verification/Invariants*.swift) must read
-- beyond the reader's (scripts/bench-read-floor.sql): the control-silo copies Sentry reads in monolith
-- mode, whose agreement with their primary rows no comparison of snapshots can see. Streamed with
-- COPY … TO STDOUT instead of joined and decoded; run after bench-read-floor.sql, whose sum with this
-- is verify's database floor. Tables the 26.x fixture lacks are not listed (verify's checks skip them
-- too on a schema without them). Run:
-- psql -v org=SLUG -f scripts/bench-verify-floor.sql >/dev/null
SELECT id AS org_id FROM sentry_organization WHERE slug = :'org' AND status = 0 \gset
COPY (SELECT organization_id, slug, name FROM sentry_organizationmapping WHERE organization_id = :org_id) TO STDOUT;
COPY (SELECT slug FROM sentry_organizationslugreservation
      WHERE organization_id = :org_id AND reservation_type = 0) TO STDOUT;
COPY (SELECT organizationmember_id, role, user_id FROM sentry_organizationmembermapping
      WHERE organization_id = :org_id) TO STDOUT;
COPY (SELECT team_id, slug, name FROM sentry_teamreplica WHERE organization_id = :org_id) TO STDOUT;
COPY (SELECT organizationmemberteam_id, is_active, role FROM sentry_organizationmember_teamsreplica
      WHERE organization_id = :org_id) TO STDOUT;
COPY (SELECT m.project_key_id, m.public_key FROM sentry_projectkeymapping m
      JOIN sentry_projectkey k ON k.id = m.project_key_id JOIN sentry_project p ON p.id = k.project_id
      WHERE p.organization_id = :org_id) TO STDOUT;
