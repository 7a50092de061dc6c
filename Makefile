# Two commands for a new machine with only Python 3.11+, make and git:
#   make run   install, migrate a SQLite file, load the demo data when empty, serve on http://127.0.0.1:8000
#   make test  the whole suite: lint, format check, type check, tests (SQLite, and PostgreSQL when it answers)

UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
# Trust the platform's certificate store (as pip does), also behind a proxy with its own authority.
export UV_SYSTEM_CERTS ?= 1
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate seed-demo test lint format typecheck pytest bench openapi clean

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
