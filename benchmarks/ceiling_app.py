"""The real application plus two ceilings in the same process: what the benchmark compares every route with.

    DATABASE_URL=... uvicorn benchmarks.ceiling_app:create_bench_app --factory

At start-up, once the real app's lifespan has opened its engine, the app answers BENCH_CEILING_PATH (by default
the filtered listing the benchmark drives) in-process. Two routes then return exactly those bytes, with the same
Content-Type and Content-Language, without touching the database, validation or serialization:

- `/__ceiling`, the framework ceiling: a FastAPI route of the real app, so it goes through the app's middleware
  stack (response cache pass-through, body-size limit, compression, error handling) and FastAPI's routing;
- `/__raw_ceiling`, the raw ceiling: answered by a bare ASGI callable in front of the app with two `send` calls,
  no framework and no middleware.

Their requests/s are what this process, uvicorn and loopback can do at best for a response of that size, with
and without the framework. `/__bench_stats` (also raw) tells how many answers the app's response cache holds and
their bytes, to explain the server's memory; `/__bench_worker` answers the worker's process id (which worker
a keep-alive connection reached, for benchmarks/freshness.py). Everything else, the lifespan included, goes to
the real app, which is not changed: it is composed here.
"""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Response
from starlette.types import Receive, Scope, Send

from app.core.config import Settings
from app.core.http.response_cache import find_response_cache
from app.main import create_app

CEILING_ROUTE = "/__ceiling"
RAW_CEILING_ROUTE = "/__raw_ceiling"
STATS_ROUTE = "/__bench_stats"
WORKER_ROUTE = "/__bench_worker"
DEFAULT_CEILING_PATH = "/api/v1/institutions?country=GT&service_type=legal_assistance&limit=50"


async def _render(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        response = await client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code} at start-up: {response.text[:500]}")
    return response


class RawCeiling:
    """A bare ASGI callable: `/__raw_ceiling` and `/__bench_stats` here, everything else to the wrapped app."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == RAW_CEILING_ROUTE:
            state = self.app.state
            await send({"type": "http.response.start", "status": 200, "headers": state.raw_ceiling_headers})
            await send({"type": "http.response.body", "body": state.ceiling_body})
            return
        if scope["type"] == "http" and scope["path"] == WORKER_ROUTE:
            body = str(os.getpid()).encode()
            headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "http" and scope["path"] == STATS_ROUTE:
            cache = find_response_cache(self.app)
            stats = {
                "cache_entries": len(cache.entries) if cache else None,
                # What the bound counts: bodies, their compressed copies, keys and a fixed overhead per answer.
                "cache_bytes": cache.total_bytes if cache else None,
            }
            body = json.dumps(stats).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def create_bench_app(settings: Settings | None = None, ceiling_path: str | None = None) -> RawCeiling:
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
            app.state.raw_ceiling_headers = [
                (b"content-type", app.state.ceiling_media_type.encode("latin-1")),
                *((name.encode(), value.encode("latin-1")) for name, value in app.state.ceiling_headers.items()),
                (b"content-length", str(len(rendered.content)).encode()),
            ]
            yield

    app.router.lifespan_context = lifespan

    @app.get(CEILING_ROUTE, include_in_schema=False)
    async def ceiling() -> Response:
        return Response(
            content=app.state.ceiling_body,
            media_type=app.state.ceiling_media_type,
            headers=app.state.ceiling_headers,
        )

    return RawCeiling(app)
