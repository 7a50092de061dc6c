# Two commands for a new machine with only Python 3.11+, make and git:
#   make run   install, migrate a SQLite file, load the demo data when empty, serve on http://127.0.0.1:8000
#   make test  the whole suite: lint, format check, type check, tests (SQLite, and PostgreSQL when it answers)
# The administration commands, which work whether uv is on the PATH or was installed into .tools/:
#   make admin EMAIL=you@example.org [NAME="Full Name"]      password from ADMIN_PASSWORD, standard input or a prompt
#   make import FILE=sheet.csv TYPE=institutions EMAIL=officer@example.org [DRY_RUN=1] [ERRORS_CSV=failed.csv]
#               [ALLOW_DUPLICATES=1]
#   make reminders [COUNTRY=GT] [CSV=due.csv]                records due to be confirmed again, per country
# Each migrates the database first (DATABASE_URL, default the SQLite file of `make run`).

UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
# Trust the platform's certificate store (as pip does), also behind a proxy with its own authority.
export UV_SYSTEM_CERTS ?= 1
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate seed-demo admin import reminders test lint format typecheck pytest bench openapi clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.6"

install: $(UV)
	$(UV) sync --frozen

migrate: install
	mkdir -p data
	$(UV) run python -m app migrate

seed-demo: migrate
	$(UV) run python -m app seed-demo

# Missing arguments stop make before it installs or migrates anything.
ifneq ($(filter admin,$(MAKECMDGOALS)),)
ifeq ($(EMAIL),)
$(error usage: make admin EMAIL=you@example.org [NAME="Full Name"]; the password comes from ADMIN_PASSWORD, standard input or a prompt)
endif
endif
ifneq ($(filter import,$(MAKECMDGOALS)),)
ifeq ($(and $(FILE),$(TYPE),$(EMAIL)),)
$(error usage: make import FILE=sheet.csv TYPE=institutions|emergency_services|focal_points|protection_systems EMAIL=officer@example.org [DRY_RUN=1] [ERRORS_CSV=failed.csv] [ALLOW_DUPLICATES=1])
endif
endif
# A flag is on when set to 1, yes or true (DRY_RUN=0 is off).
on = $(filter 1 yes true,$(1))

admin: migrate
	$(UV) run python -m app create-admin --email "$(EMAIL)" $(if $(NAME),--full-name "$(NAME)")

import: migrate
	$(UV) run python -m app import "$(FILE)" --type "$(TYPE)" --as "$(EMAIL)" \
		$(if $(call on,$(DRY_RUN)),--dry-run) $(if $(ERRORS_CSV),--errors-csv "$(ERRORS_CSV)") \
		$(if $(call on,$(ALLOW_DUPLICATES)),--allow-duplicates)

reminders: migrate
	$(UV) run python -m app reminders $(if $(COUNTRY),--country "$(COUNTRY)") $(if $(CSV),--csv "$(CSV)")

run: seed-demo
	$(UV) run python -m app serve --host $(HOST) --port $(PORT)

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format: install
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

typecheck: install
	$(UV) run mypy

pytest: install
	$(UV) run pytest

test: lint typecheck pytest

# After an additive API change: rewrite docs/openapi.json (refused while the change breaks published clients).
openapi: install
	$(UV) run python -m tests.openapi_snapshot

bench: install
	bash benchmarks/setup.sh
	$(UV) run python -m benchmarks.run

clean:
	rm -rf .venv .tools .mypy_cache .ruff_cache .pytest_cache
