"""The ASGI application factory: `uvicorn --factory app.main:create_app`.

No app is built at import: each one is built from the settings given to create_app (the environment's when none).
`app.main:app`, the address of earlier versions, still works: it is built on first use.
"""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from redis.asyncio import Redis

from app.api import public_router
from app.auth.throttle import DatabaseLoginThrottle, RedisLoginThrottle
from app.core.config import API_PREFIX, Settings, get_settings
from app.core.db import create_engine, create_sessionmaker
from app.core.directory_version import DirectoryVersion
from app.core.errors import install_error_handlers
from app.core.head import HeadAsGetMiddleware
from app.core.http.compression import CompressionMiddleware
from app.core.http.front_door import ResponseCacheFrontDoor
from app.core.http.limits import BodySizeLimitMiddleware, HeaderSizeLimitMiddleware
from app.core.http.response_cache import PublicResponseCache
from app.core.logs import ACCESS_LOGGER, AccessLogQueryFilter
from app.core.pagination import document_page_limits
from app.core.security_headers import SecurityHeadersMiddleware
from app.core.snapshots import SnapshotStore
from app.core.urls import TrustedHostMiddleware
from app.docs.openapi import install_openapi, operation_id
from app.docs.router import install_docs
from app.health.router import router as health_router
from app.hsds.router import router as hsds_router
from app.site.router import router as site_router
from app.site.router import static_router as site_static_router

logger = logging.getLogger(__name__)

DESCRIPTION = """
The **Protection Directory API** serves the regional directory of the Regional Conference on Migration (RCM):
institutions that support migrant and refugee children and adolescents, emergency-response services, each
country's child-protection systems and the focal points named for them, in Belize, Canada, Costa Rica, the
Dominican Republic, El Salvador, Guatemala, Honduras, Mexico, Nicaragua, Panama and the United States.

**How to use it**
- Every list answers `{"items": [...], "total": N, "limit": L, "offset": O}`, in a stable order. Page with
  `limit` and `offset`, or follow the `Link` header (`rel="next"`, `"prev"`, `"first"`, `"last"`).
- Filters combine with AND; repeatable filters (`country`, `service_type`, `population`, `kind`, `language`)
  match any of their values. `q` searches names, acronyms and descriptions in every language, ignoring case
  and accents.
- Text is returned in the language you ask for with `?lang=` or `Accept-Language`, falling back to Spanish,
  then English. Each text says its language in a `*_language` field, and `Content-Language` lists them all.
- Every error has one shape: `{"error": {"status", "code", "message", "details": [{"location", "field",
  "message"}]}}`; `code` is one of a fixed list (the error schema's enum).
- Public reads carry an `ETag` and `Cache-Control`: send `If-None-Match` to get 304 while nothing changed. Every
  GET also answers `HEAD` (same status and headers, no body).
- Sign-in is rate limited: its answers carry `RateLimit` and `RateLimit-Policy`, a 429 `Retry-After`.
- Shelters for children escaping violence keep their location confidential: for them only the city and area
  are published. Focal points' personal contacts are never published.
- Records marked `"demo": true` are demonstration data with fictitious contacts.
"""

TAGS = [
    {"name": "Countries", "description": "The RCM member countries."},
    {"name": "Service types", "description": "The controlled taxonomy of services."},
    {"name": "Protection systems", "description": "Each country's child-protection systems and networks."},
    {"name": "Institutions", "description": "Bodies that support migrant children."},
    {"name": "Emergency services", "description": "Hotlines, 24-hour shelters and rapid-response teams."},
    {"name": "Focal points", "description": "Officials named as contact for each protection system."},
    {"name": "Sync", "description": "The whole directory for offline use, then only what changed."},
    {"name": "Authentication", "description": "Sign in (OAuth2 password flow) for the curation routes."},
    {"name": "Users", "description": "Accounts of the Technical Secretariat and country officers (admin)."},
    {"name": "Audit trail", "description": "Every change, who made it and when (admin)."},
    {"name": "Coverage", "description": "The directory's gaps per country, and editors' activity (signed in)."},
    {
        "name": "Imports and exports",
        "description": "Country spreadsheets in (CSV/XLSX, dry run, atomic apply) and the directory out.",
    },
    {"name": "Reports", "description": "Wrong data reported by the public, and how the TS handles it."},
    {"name": "Re-confirmation", "description": "Records whose data is due to be confirmed again (signed in)."},
    {"name": "Health", "description": "Liveness and readiness probes."},
    {"name": "HSDS", "description": "The directory as an Open Referral HSDS 3.0 read API (see GET /hsds/)."},
]

# Public read-only surfaces whose anonymous GET answers are cached and revalidated by the directory version.
CACHED_PREFIXES = (API_PREFIX, "/hsds", "/directory")
# Answers that say whether each service is open now: right for the minute they were made in.
OPEN_NOW_PREFIXES = (f"{API_PREFIX}/institutions", f"{API_PREFIX}/emergency-services")


class DirectoryApi(FastAPI):
    """The app, whose OpenAPI document states the page sizes of its own settings."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            document_page_limits(super().openapi(), self.state.settings)
        return super().openapi()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        app.state.engine = engine
        version = DirectoryVersion(engine)
        app.state.directory_version = version
        app.state.sessionmaker = create_sessionmaker(engine, on_directory_change=version.invalidate)
        await version.start()
        snapshots = SnapshotStore(
            app.state.sessionmaker, version, parent=settings.snapshot_dir, max_count=settings.snapshot_max_count
        )
        snapshots.start()
        app.state.snapshots = snapshots
        if settings.secret_key_generated:
            logger.warning(
                "No SECRET_KEY is set: tokens are signed with a random key made at start, so they stop working when "
                "the process restarts, and with several worker processes a token works only on the one that issued "
                "it. Set SECRET_KEY (the same for every worker) to keep them."
            )
        access_log = logging.getLogger(ACCESS_LOGGER)
        query_filter = None if settings.log_full_query else AccessLogQueryFilter()
        if query_filter is not None:
            access_log.addFilter(query_filter)
        redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
        app.state.login_throttle = (
            RedisLoginThrottle(redis, settings.login_window_seconds)
            if redis is not None
            else DatabaseLoginThrottle(app.state.sessionmaker, settings.login_window_seconds)
        )
        # Wrong-data reports are counted by the same machinery, in their own window and under their own keys.
        app.state.report_throttle = (
            RedisLoginThrottle(redis, settings.report_window_seconds, prefix="pd:report:")
            if redis is not None
            else DatabaseLoginThrottle(app.state.sessionmaker, settings.report_window_seconds)
        )
        if settings.environment != "test":
            # What start-up built lives as long as the process: frozen, it is skipped by every full garbage
            # collection, whose pauses (tens of ms over the whole heap) are the tail of the latencies otherwise.
            # Not in tests, where one process starts many apps and frozen ones would never be collected.
            gc.collect()
            gc.freeze()
            gc.set_threshold(5_000, 20, 20)
        try:
            yield
        finally:
            if query_filter is not None:
                access_log.removeFilter(query_filter)
            await snapshots.stop()
            await version.stop()
            if redis is not None:
                await redis.aclose()
            await engine.dispose()

    app = DirectoryApi(
        title="Protection Directory API",
        version="1.0.0",
        summary="Where migrant and refugee children and adolescents can find protection, across the RCM countries.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        swagger_ui_parameters={"persistAuthorization": True},
        # Served by app.docs from local assets instead of FastAPI's CDN ones.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    if settings.environment == "production" and "*" in settings.trusted_hosts:
        logger.warning("TRUSTED_HOSTS allows any Host header: set it to the names this server is reached by.")

    async def directory_version() -> int:
        version: DirectoryVersion = app.state.directory_version
        return await version.current()

    app.add_middleware(
        PublicResponseCache,
        prefixes=CACHED_PREFIXES,
        version=directory_version,
        max_bytes=settings.response_cache_max_bytes,
        per_origin=settings.public_base_url is None,
        fallback_languages=settings.fallback_languages,
        per_minute=OPEN_NOW_PREFIXES,
    )
    # Spreadsheet uploads may be larger than other bodies; the import route checks the file's own size.
    import_limit = settings.max_import_bytes + 64 * 1024  # room for the multipart envelope
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        path_limits={f"{API_PREFIX}/imports": max(import_limit, settings.max_body_bytes)},
    )
    if settings.cors_allow_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allow_origins,
            allow_methods=["GET", "HEAD", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match", "Accept-Language"],
            expose_headers=[
                "ETag",
                "Content-Language",
                "Location",
                "Retry-After",
                "Link",
                "RateLimit",
                "RateLimit-Policy",
            ],
        )
    app.add_middleware(CompressionMiddleware)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.trusted_hosts)
    # Outside the rest, so every answer gets the security headers, a refusal of oversized headers among them.
    app.add_middleware(
        HeaderSizeLimitMiddleware,
        max_field_bytes=settings.max_header_field_bytes,
        max_total_bytes=settings.max_header_bytes,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    # A HEAD is the GET it stands for in every layer below, the response cache included.
    app.add_middleware(HeadAsGetMiddleware)
    # Outermost: answers the response cache holds go out before the layers added above run (what they would do
    # to such an answer, it does; any request they could act on goes through them).
    app.add_middleware(ResponseCacheFrontDoor)
    install_error_handlers(app)
    install_docs(app)
    install_openapi(app, public_base_url=settings.public_base_url, cached_prefixes=CACHED_PREFIXES)
    app.include_router(health_router)
    app.include_router(hsds_router)
    app.include_router(public_router)
    app.include_router(site_router)
    app.include_router(site_static_router)
    return app


@cache
def _default_app() -> FastAPI:
    return create_app()


def __getattr__(name: str) -> FastAPI:
    if name == "app":
        return _default_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
