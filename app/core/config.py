"""Every setting of the service, read from the environment (and an optional .env file) in one place."""

from functools import lru_cache
from typing import Annotated, Literal

from fastapi import Depends, Request
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me-in-production"  # noqa: S105  (refused in production)
MIN_SECRET_LENGTH = 32


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

    # Signing key of the bearer tokens; production refuses the default and short keys.
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    access_token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    min_password_length: int = Field(default=12, ge=8)
    # Failed sign-ins allowed per window, per account and per client address, before 429.
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_client: int = Field(default=20, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    # Shared throttling state for every worker process; without it the database holds that state.
    redis_url: str | None = None
    # Read only by `python -m app create-admin`.
    admin_password: SecretStr | None = None
    # Request bodies larger than this get 413.
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    # Spreadsheet imports (POST /api/v1/imports and the CLI): a larger file gets 413, more rows or a longer cell 422.
    max_import_bytes: int = Field(default=10_000_000, ge=1024)
    max_import_rows: int = Field(default=20_000, ge=1)
    max_import_cell_chars: int = Field(default=10_000, ge=100)
    # The number of proxies in front of the app whose X-Forwarded-For is trusted for the client address.
    trusted_proxies: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> "Settings":
        if self.environment == "production":
            secret = self.secret_key.get_secret_value()
            if secret == DEVELOPMENT_SECRET or len(secret) < MIN_SECRET_LENGTH:
                raise ValueError(
                    f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters in production"
                )
        if "*" in self.cors_allow_origins:
            raise ValueError("CORS_ALLOW_ORIGINS must list origins explicitly, never '*'")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


async def _app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# The settings the running app was built with (tests build apps with their own).
SettingsDep = Annotated[Settings, Depends(_app_settings)]
