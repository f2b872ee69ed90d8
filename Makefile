# sentry-migrate: the commands the README gives.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

.PHONY: all deps build test lint format demo bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

# The whole suite, with a throwaway PostgreSQL that is always stopped afterwards.
test: deps
	CI=$${CI:-} scripts/with-postgres.sh $(SWIFT) test $(SWIFT_BUILD_FLAGS)

lint:
	@git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 $(SWIFT) format lint --strict --parallel
	@echo "lint: ok"

format:
	@git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 $(SWIFT) format format --parallel --in-place

demo: build
	@scripts/demo.sh

clean:
	rm -rf .build
