"""The interactive documentation (/docs, /redoc) with its scripts, style sheet and icon served by the app itself:
FastAPI's defaults load them from a CDN, which leaves both pages blank offline and under a 'self' CSP.

The assets come from the `fastapi-offline` package (Swagger UI and ReDoc's standalone bundle, installed by
`make install` from uv.lock); the pages follow FastAPI's documented self-hosting recipe.
"""

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
ASSETS_URL = "/docs/assets"
FAVICON_URL = f"{ASSETS_URL}/favicon.png"
ASSETS_DIRECTORY = Path(fastapi_offline.__file__).parent / "static"

router = APIRouter(include_in_schema=False)


def _under_root(request: Request, path: str) -> str:
    """`path` under the prefix a proxy serves the app at, so that the pages' links still reach it."""
    return str(request.scope.get("root_path", "")).rstrip("/") + path


def _page(request: Request, viewer: str) -> dict[str, Any]:
    """What both pages are given: the OpenAPI document to show, and their title."""
    app: FastAPI = request.app
    return {"openapi_url": _under_root(request, str(app.openapi_url)), "title": f"{app.title} - {viewer}"}


@router.get(DOCS_URL)
async def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        **_page(request, "Swagger UI"),
        oauth2_redirect_url=_under_root(request, OAUTH2_REDIRECT_URL),
        swagger_js_url=_under_root(request, f"{ASSETS_URL}/swagger-ui-bundle.js"),
        swagger_css_url=_under_root(request, f"{ASSETS_URL}/swagger-ui.css"),
        swagger_favicon_url=_under_root(request, FAVICON_URL),
        swagger_ui_parameters=request.app.swagger_ui_parameters,
    )


@router.get(OAUTH2_REDIRECT_URL)
async def swagger_ui_oauth2_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get(REDOC_URL)
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(
        **_page(request, "ReDoc"),
        redoc_js_url=_under_root(request, f"{ASSETS_URL}/redoc.standalone.js"),
        redoc_favicon_url=_under_root(request, FAVICON_URL),
        with_google_fonts=False,
    )


def install_docs(app: FastAPI) -> None:
    """Adds the documentation pages and their assets to an app created with docs_url=None, redoc_url=None."""
    app.include_router(router)
    # A mount, not a route: included routers do not carry mounts along.
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIRECTORY), name="docs-assets")
