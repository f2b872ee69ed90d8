# Points the config.yml `sentry init` wrote at the throwaway Redis (port in SENTRY_REDIS_PORT) and
# gives DSNs a fixed host, so the conformance check knows what Sentry's get_dsn() should build.
import os
import sys

import yaml

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    config = yaml.safe_load(f)
port = int(os.environ["SENTRY_REDIS_PORT"])
config["redis.clusters"] = {"default": {"hosts": {0: {"host": "127.0.0.1", "port": port}}}}
config["system.url-prefix"] = os.environ.get("SENTRY_URL_PREFIX", "https://sentry.conformance.invalid")
config["mail.backend"] = "dummy"
config["filestore.options"] = {"location": os.path.join(os.path.dirname(path), "files")}
with open(path, "w", encoding="utf-8") as f:
    yaml.safe_dump(config, f)
