-- The plan/verify floor: the rows and columns the reader (Sources/SelfHosted/Reading/OrganizationReader.swift)
-- reads for one organization, streamed with COPY … TO STDOUT instead of decoded. Keep it in step with
-- the reader's queries (the 26.x fixture has sentry_projectkey.use_case). Run:
-- psql -v org=SLUG -f scripts/bench-read-floor.sql >/dev/null
SELECT id AS org_id FROM sentry_organization WHERE slug = :'org' AND status = 0 \gset
COPY (SELECT id, slug, name, default_role, flags FROM sentry_organization WHERE id = :org_id) TO STDOUT;
COPY (SELECT id, slug, name FROM sentry_team WHERE organization_id = :org_id AND status = 0) TO STDOUT;
COPY (SELECT omt.organizationmember_id, omt.team_id, omt.role
      FROM sentry_organizationmember_teams omt
      JOIN sentry_organizationmember m ON m.id = omt.organizationmember_id
      WHERE m.organization_id = :org_id AND omt.is_active) TO STDOUT;
COPY (SELECT m.id, m.role, m.email AS invite_email, m.user_id, u.email AS user_email, u.first_name
      FROM sentry_organizationmember m LEFT JOIN auth_user u ON u.id = m.user_id
      WHERE m.organization_id = :org_id AND coalesce(m.invite_status, 0) = 0) TO STDOUT;
COPY (SELECT pt.project_id, pt.team_id FROM sentry_projectteam pt
      JOIN sentry_project p ON p.id = pt.project_id WHERE p.organization_id = :org_id) TO STDOUT;
COPY (SELECT id, slug, name, platform FROM sentry_project WHERE organization_id = :org_id AND status = 0) TO STDOUT;
COPY (SELECT k.project_id, k.label, k.public_key, k.secret_key, k.status, k.rate_limit_count,
             k.rate_limit_window, k.data
      FROM sentry_projectkey k JOIN sentry_project p ON p.id = k.project_id
      WHERE p.organization_id = :org_id AND (k.roles & 1) = 1 AND k.public_key IS NOT NULL
            AND k.use_case = 'user') TO STDOUT;
COPY (SELECT o.project_id, o.key, o.value::text AS value
      FROM sentry_projectoptions o JOIN sentry_project p ON p.id = o.project_id
      WHERE p.organization_id = :org_id AND o.value IS NOT NULL AND o.key = ANY (ARRAY[
            'filters:browser-extensions', 'filters:localhost', 'filters:web-crawlers',
            'filters:filtered-transaction', 'filters:legacy-browsers', 'filters:react-hydration-errors',
            'filters:chunk-load-error', 'sentry:blacklisted_ips', 'sentry:releases', 'sentry:error_messages',
            'sentry:option-epoch'])) TO STDOUT;
COPY (SELECT o.project_id, o.raw, o.fallthrough, o.auto_assignment, o.suspect_committer_auto_assignment,
             o.codeowners_auto_sync
      FROM sentry_projectownership o JOIN sentry_project p ON p.id = o.project_id
      WHERE p.organization_id = :org_id) TO STDOUT;
