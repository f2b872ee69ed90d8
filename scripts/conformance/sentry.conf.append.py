
# ---- Appended by scripts/conformance/sentry-env.sh: the throwaway PostgreSQL and Redis. ----
# Database settings come from the environment scripts/pg-start.sh prints (a Unix socket).
DATABASES["default"].update(
    {
        "NAME": os.environ.get("SENTRY_DB_NAME", "sentry"),
        "USER": os.environ.get("PGUSER", "postgres"),
        "HOST": os.environ["PGHOST"],
        "PORT": os.environ.get("PGPORT", ""),
    }
)
BROKER_URL = "redis://127.0.0.1:%s/1" % os.environ["SENTRY_REDIS_PORT"]
# Nothing here runs Celery workers; tasks published by reads are dropped with the Redis.
CELERY_ALWAYS_EAGER = False
# As getsentry/self-hosted's sentry/sentry.conf.example.py sets it (reference/selfhosted-schema.md):
# without it, release and error-message filters never reach Relay.
SENTRY_FEATURES["projects:custom-inbound-filters"] = True
