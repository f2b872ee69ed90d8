# sentry-migrate: the commands the README gives.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: all deps build test conformance lint format demo bench install check-install clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

# The whole suite, with a throwaway PostgreSQL that is always stopped afterwards. The build comes
# first and fails on any compiler warning in the project's own code (scripts/build-strict.sh).
test: deps
	SWIFT=$(SWIFT) SWIFT_BUILD_FLAGS="$(SWIFT_BUILD_FLAGS)" scripts/build-strict.sh
	CI=$${CI:-} scripts/with-postgres.sh $(SWIFT) test $(SWIFT_BUILD_FLAGS)

# Sentry 23.7.1's own code reads back what apply wrote (docs/conformance.md). The first run builds
# a Python 3.8 virtualenv with sentry==23.7.1 in .conformance/ (cached).
conformance: build
	@scripts/conformance/run.sh

lint:
	@git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 $(SWIFT) format lint --strict --parallel
	@echo "lint: ok"

format:
	@git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 $(SWIFT) format format --parallel --in-place

demo: build
	@scripts/demo.sh

# Times every step on a generated organization against its physical floor (docs/performance.md).
# BENCH_SIZE=small|medium|large (default medium). Not run by CI.
bench: deps
	$(SWIFT) build -c release $(SWIFT_BUILD_FLAGS)
	@scripts/bench.sh

# A release binary with Swift's runtime linked in (runs without a toolchain), shell completions
# and a man page under PREFIX (default /usr/local; DESTDIR honoured). See README, "Five minutes
# against your own organization".
install: deps
	SWIFT=$(SWIFT) SWIFT_BUILD_FLAGS="$(SWIFT_BUILD_FLAGS)" scripts/install.sh "$(PREFIX)"

# Installs into a fresh prefix and runs the installed binary there, without a toolchain.
check-install: deps
	SWIFT=$(SWIFT) SWIFT_BUILD_FLAGS="$(SWIFT_BUILD_FLAGS)" scripts/with-postgres.sh scripts/check-install.sh

clean:
	rm -rf .build
