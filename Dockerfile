# syntax=docker/dockerfile:1
# Build: docker build -t protection-directory .
# Run:   docker run -p 8000:8000 -e DATABASE_URL=postgresql+asyncpg://user:pass@db:5432/directory \
#          -e SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" protection-directory
#        (production refuses to start without a random SECRET_KEY of 32+ bytes; keep it to keep tokens valid)
# Configured only by environment variables (see app/core/config.py); it migrates, then serves.

FROM python:3.11-slim AS build
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /srv
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY app ./app
COPY migrations ./migrations
COPY alembic.ini ./
# /hsds/profile serves docs/hsds-profile.md.
COPY docs ./docs

FROM python:3.11-slim AS runtime
RUN groupadd --system app && useradd --system --gid app --home-dir /srv --no-create-home app \
    && mkdir -p /srv/data && chown app:app /srv/data
WORKDIR /srv
COPY --from=build --chown=root:root /srv /srv
ENV PATH="/srv/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    ENVIRONMENT=production \
    DATABASE_URL=sqlite+aiosqlite:////srv/data/directory.db \
    PORT=8000 \
    WEB_CONCURRENCY=2
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)"]
CMD ["sh", "-c", "python -m app migrate && exec uvicorn --factory app.main:create_app --host 0.0.0.0 --port \"$PORT\" --workers \"$WEB_CONCURRENCY\" --proxy-headers"]
