"""Every setting of the service, read from the environment (and an optional .env file) in one place."""

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
