"""Every setting of the service, read from the environment (and an optional .env file) in one place."""

import math
import secrets
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, Request
from pydantic import AnyHttpUrl, Field, PrivateAttr, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.requests import HTTPConnection

# Where the JSON API is mounted. A constant, not a setting: the published OpenAPI document and the mobile app's
# requests name it.
API_PREFIX = "/api/v1"

# Production SECRET_KEYs: at least this many bytes, and at least this many bits by the estimate below.
MIN_SECRET_BYTES = 32
MIN_SECRET_BITS = 128
# Keys published with earlier versions (the old development default): refused in every environment.
PUBLIC_SECRETS = frozenset({"development-only-secret-change-me-in-production"})


def estimated_secret_bits(secret: str) -> float:
    """The key's length times the Shannon entropy of its own characters: "a"*32 has 0 bits, a 32-character hex key
    (16 bytes) under 128, `secrets.token_urlsafe(32)` about 200 (never under 180). Rough, but refuses typed keys."""
    counts = Counter(secret)
    return -sum(count * math.log2(count / len(secret)) for count in counts.values())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./data/directory.db"
    database_echo: bool = False

    default_page_limit: int = Field(default=20, ge=1)
    max_page_limit: int = Field(default=100, ge=1)

    # Text a person reads falls back along this chain when the requested language is missing.
    fallback_languages: tuple[str, ...] = ("es", "en")

    cors_allow_origins: list[str] = []
    # Signing key of the bearer tokens. Unset or empty: a random key made at start, so tokens do not survive a
    # restart and each worker process has its own; production refuses that, and keys that are short or low-entropy.
    secret_key: SecretStr = SecretStr("")
    _secret_key_generated: bool = PrivateAttr(default=False)
    access_token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    min_password_length: int = Field(default=12, ge=8)
    # Failed sign-ins allowed per window for one account from one client address, and from one client address for
    # any accounts, before that client gets 429 (others, the account's owner among them, still sign in).
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_client: int = Field(default=20, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    # Past this many failures for one account from all addresses within the window, every attempt for it (a right
    # password too, so the delay reveals nothing) waits login_slowdown_seconds: a slow-down, never a lock-out.
    login_account_slowdown_after: int = Field(default=10, ge=1)
    login_slowdown_seconds: float = Field(default=2.0, ge=0, le=30)
    # Shared throttling state for every worker process; without it the database holds that state.
    redis_url: str | None = None
    # Worker processes of `python -m app serve` (uvicorn's own CLI, as in the Dockerfile, reads the same variable):
    # about one per core. Each keeps its own response cache; PostgreSQL's NOTIFY (SQLite: the file's stamps) tells
    # every worker of a write at once.
    web_concurrency: int = Field(default=1, ge=1, le=64)
    # Read only by `python -m app create-admin`.
    admin_password: SecretStr | None = None
    # Request bodies larger than this get 413.
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    # Spreadsheet imports (POST /api/v1/imports and the CLI): a larger file gets 413, more rows or a longer cell 422.
    max_import_bytes: int = Field(default=10_000_000, ge=1024)
    max_import_rows: int = Field(default=20_000, ge=1)
    max_import_cell_chars: int = Field(default=10_000, ge=100)
    # Whole-directory answers (directory.json, HSDS format=ndjson) are built once per directory version into files
    # under this directory (one directory per process inside it; default: the system's temporary directory), and at
    # most snapshot_max_count of them are kept (each as plain, brotli and gzip files).
    snapshot_dir: Path | None = None
    snapshot_max_count: int = Field(default=16, ge=1)
    # The number of proxies in front of the app whose X-Forwarded-For is trusted for the client address.
    trusted_proxies: int = Field(default=0, ge=0)
    # Host names the app answers for ("*.example.org" matches subdomains); any other Host header gets 400.
    trusted_hosts: list[str] = ["*"]
    # The address the public reaches the app at ("https://directory.example.org", with any path prefix): absolute
    # URLs in answers, the OpenAPI document's server and Link headers come from it. Unset, they come from the
    # request (or are relative), and cached answers are kept per origin.
    public_base_url: AnyHttpUrl | None = None
    # A request with one header field (name and value) or all its headers over these sizes gets 431.
    max_header_field_bytes: int = Field(default=8192, ge=1024)
    max_header_bytes: int = Field(default=32768, ge=1024)
    # Memory the in-process cache of public answers may hold: bodies, compressed copies and keys.
    response_cache_max_bytes: int = Field(default=32 * 1024 * 1024, ge=0)
    # The access log shows query parameter names only (their values can be a child's location); true logs them.
    log_full_query: bool = False
    # Wrong-data reports (POST /api/v1/reports and the micro-site's form): this many per client address per window,
    # counted like failed sign-ins (Redis or the database) under a keyed hash of the address, never the address.
    reports_per_client: int = Field(default=10, ge=1)
    report_window_seconds: int = Field(default=3600, ge=1)
    # Re-confirmation: months after its last confirmation (or its creation) when a record's data is due to be
    # confirmed again, per record type; records due within reconfirm_notice_days are listed too.
    reconfirm_months_institutions: int = Field(default=12, ge=1, le=120)
    reconfirm_months_emergency_services: int = Field(default=3, ge=1, le=120)
    reconfirm_months_protection_systems: int = Field(default=12, ge=1, le=120)
    reconfirm_months_focal_points: int = Field(default=12, ge=1, le=120)
    reconfirm_notice_days: int = Field(default=30, ge=0, le=365)

    @model_validator(mode="after")
    def _secret_key_or_a_random_one(self) -> "Settings":
        secret = self.secret_key.get_secret_value()
        if secret in PUBLIC_SECRETS:
            raise ValueError("SECRET_KEY is a published example value: set a random one, or unset it in development")
        if self.environment == "production":
            if len(secret.encode()) < MIN_SECRET_BYTES or estimated_secret_bits(secret) < MIN_SECRET_BITS:
                raise ValueError(
                    f"SECRET_KEY must be set in production to a random value of at least {MIN_SECRET_BYTES} bytes "
                    f"(about {MIN_SECRET_BITS} bits or more by its character frequencies), for example the output "
                    "of: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
                )
        elif not secret:
            self.secret_key = SecretStr(secrets.token_urlsafe(32))
            self._secret_key_generated = True
        if self.public_base_url is not None and (self.public_base_url.query or self.public_base_url.fragment):
            raise ValueError("PUBLIC_BASE_URL must be a scheme, host and optional path, without query or fragment")
        for host in self.trusted_hosts:
            if host != "*" and "*" in (host[2:] if host.startswith("*.") else host):
                raise ValueError(f"TRUSTED_HOSTS: {host!r} is not a host name, '*' or a pattern like '*.example.org'")
        if "*" in self.cors_allow_origins:
            raise ValueError("CORS_ALLOW_ORIGINS must list origins explicitly, never '*'")
        return self

    @property
    def secret_key_generated(self) -> bool:
        """No SECRET_KEY was configured: the tokens are signed with a key made at start."""
        return self._secret_key_generated

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment: for the commands and the app built without settings of its own."""
    return Settings()


def settings_of(request: HTTPConnection) -> Settings:
    """The settings the app serving this request was built with (create_app(settings)); code that runs per
    request reads them here, never get_settings(), so that apps built with other settings keep their own."""
    settings: Settings = request.app.state.settings
    return settings


async def _app_settings(request: Request) -> Settings:
    return settings_of(request)


SettingsDep = Annotated[Settings, Depends(_app_settings)]
