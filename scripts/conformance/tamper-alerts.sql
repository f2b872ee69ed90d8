-- Faults written behind apply's back in scenario 'alerts'; each `-- want:` line is a MISMATCH the
-- checker must print (run.sh tamper).
-- A level filter lowered inside the rule's JSON.
-- want: rules/api/Notify platform#1 filters
UPDATE sentry_rule SET data = replace(data, '"level":"40"', '"level":"30"') WHERE label = 'Notify platform'
AND project_id = (SELECT id FROM sentry_project WHERE slug = 'api') AND data LIKE '%"level":"40"%';
-- A rule that lost its environment fires for every environment.
-- want: rules/web/Regressions on staging#1 environment
UPDATE sentry_rule SET environment_id = NULL WHERE label = 'Regressions on staging';
-- A disabled rule never fires.
-- want: rules/web/Page #ops on Slack#1 enabled (status)
UPDATE sentry_rule SET status = 1 WHERE label = 'Page #ops on Slack';
-- A rule disabled on sentry.io that fires again.
-- want: rules/api/Notify platform#3 enabled (status)
UPDATE sentry_rule SET status = 0 WHERE label = 'Notify platform' AND status = 1;
