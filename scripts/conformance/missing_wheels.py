# Prints the pins (name==version lines of the files given) that have no wheel in the folder WHEELS,
# so that only those are fetched.   python missing_wheels.py WHEELS FILE...
import os
import re
import sys

try:  # pip's own copy: "2.0.20.0" and "2.0.20" are one version, as in wheel file names
    from pip._vendor.packaging.version import Version
except ImportError:  # pragma: no cover
    Version = str


def norm(name):
    return re.sub(r"[-_.]+", "_", name).lower()


wheels = sys.argv[1]
have = set()
for f in os.listdir(wheels) if os.path.isdir(wheels) else []:
    if f.endswith(".whl"):
        name, version = f.split("-")[:2]
        have.add((norm(name), Version(version)))
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            m = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line)
            if m and (norm(m.group(1)), Version(m.group(2))) not in have:
                print(line.strip())
