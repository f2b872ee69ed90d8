
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
# For `sentry-migrate finish` (scripts/conformance/finish.sh): a real cache shared by every process of
# one run (self-hosted uses memcached; Sentry's managers reach either through Django's cache API), and
# Celery tasks run in the process that queues them, so an invitation's mail reaches the mail backend.
if os.environ.get("SENTRY_CONFORMANCE_DJANGO_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["SENTRY_CONFORMANCE_DJANGO_CACHE_DIR"],
        }
    }
if os.environ.get("SENTRY_CONFORMANCE_CELERY_EAGER") == "1":
    CELERY_ALWAYS_EAGER = True
