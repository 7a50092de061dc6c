"""The real application plus one bare route, `/__ceiling`, in the same process: the benchmark's ceiling.

    DATABASE_URL=... uvicorn benchmarks.ceiling_app:create_bench_app --factory

At start-up, once the real app's lifespan has opened its engine, the app answers BENCH_CEILING_PATH (by default
the filtered listing the benchmark drives) in-process, and `/__ceiling` then returns exactly those bytes, with
the same Content-Type and Content-Language, without touching the database, validation or serialization. Its
requests/s is what this process, server and loopback can do at best for a response of that size.
The application itself is not changed: it is composed here.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Response

from app.core.config import Settings
from app.main import create_app

CEILING_ROUTE = "/__ceiling"
DEFAULT_CEILING_PATH = "/api/v1/institutions?country=GT&service_type=legal_assistance&limit=50"


async def _render(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        response = await client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code} at start-up: {response.text[:500]}")
    return response


def create_bench_app(settings: Settings | None = None, ceiling_path: str | None = None) -> FastAPI:
    path = ceiling_path or os.environ.get("BENCH_CEILING_PATH", DEFAULT_CEILING_PATH)
    app = create_app(settings or Settings())
    app_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with app_lifespan(app):
            rendered = await _render(app, path)
            app.state.ceiling_body = rendered.content
            app.state.ceiling_headers = {
                name: rendered.headers[name] for name in ("content-language",) if name in rendered.headers
            }
            app.state.ceiling_media_type = rendered.headers.get("content-type", "application/json")
            yield

    app.router.lifespan_context = lifespan

    @app.get(CEILING_ROUTE, include_in_schema=False)
    async def ceiling() -> Response:
        return Response(
            content=app.state.ceiling_body,
            media_type=app.state.ceiling_media_type,
            headers=app.state.ceiling_headers,
        )

    return app
