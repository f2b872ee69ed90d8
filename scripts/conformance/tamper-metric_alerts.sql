-- Faults written behind apply's back in scenario 'metric-alerts' (run as metric_alerts: it names a database); each `-- want:` line is a MISMATCH
-- the checker must print (run.sh tamper).
-- A critical threshold off by one (stored 171 = "71 % higher").
-- want: metric-alerts/checkout/Checkout users hit by errors#1 trigger critical alertThreshold
UPDATE sentry_alertruletrigger SET alert_threshold = 171 WHERE label = 'critical' AND alert_threshold = 170;
-- Subscriptions Sentry's checker never picks up (a NULL date_updated is never older than anything).
-- want: metric-alerts: subscription_checker does not pick up
UPDATE sentry_querysubscription SET date_updated = NULL WHERE status IN (1, 2);
-- An aggregate stored untranslated: the API shows it the same, Snuba has no column `user`.
-- want: metric-alerts/checkout/Checkout users hit by errors#1 stored aggregate
UPDATE sentry_snubaquery SET aggregate = 'count_unique(user)' WHERE aggregate = 'count_unique(tags[sentry:user])';
