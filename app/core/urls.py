"""Which hosts the app answers for, and the absolute URLs it writes.

The Host header is the client's to choose: an absolute URL built from it, once cached, would send every other
client to the host one client named. Absolute URLs therefore come from PUBLIC_BASE_URL when it is set; without
it they come from the request, and the response cache keeps answers per origin (app/core/response_cache.py).
"""

import re
from collections.abc import Sequence

from fastapi import Request, Response
from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware as StarletteTrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.config import Settings
from app.core.errors import ErrorCode, ErrorDetail, error_response
from app.core.http.etags import set_etag
from app.core.i18n import Localizer

# A Host header: a name or IP literal and an optional port, nothing else (no user part, path or spaces).
_HOST_HEADER = re.compile(r"(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def set_created(response: Response, location: str, version: int, localizer: Localizer | None = None) -> None:
    """The headers of a 201: where the new resource lives (a path of this app) and its ETag."""
    set_etag(response, version, localizer)
    response.headers["Location"] = location


def public_url(request: Request, path: str) -> str:
    """The absolute URL of `path` (a path of this app, such as "/hsds/profile")."""
    settings: Settings = request.app.state.settings
    base = str(settings.public_base_url or request.base_url)
    return base.rstrip("/") + path


def public_request_url(request: Request) -> str:
    """The absolute URL of the request itself, as the public reaches it."""
    path = request.url.path.removeprefix(request.scope.get("root_path", ""))
    query = f"?{request.url.query}" if request.url.query else ""
    return public_url(request, f"{path}{query}")


def request_origin(scope: Scope, headers: Headers) -> str:
    """Scheme and Host header of a request: what request-built absolute URLs depend on."""
    return f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"


class TrustedHostMiddleware(StarletteTrustedHostMiddleware):
    """Starlette's allow-list of Host headers ("*" allows any, "*.example.org" subdomains), with the refusal in the
    one error envelope rather than Starlette's plain text, and no redirect to a "www." host."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        super().__init__(app, allowed_hosts=allowed_hosts, www_redirect=False)

    def _trusted(self, host_header: str) -> bool:
        match = _HOST_HEADER.fullmatch(host_header)
        if match is None:
            return False
        host = match["host"].lower()
        return any(
            host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:]))
            for pattern in self.allowed_hosts
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] != "http" or self._trusted(Headers(scope=scope).get("host", "")):
            await self.app(scope, receive, send)
            return
        detail = ErrorDetail(location="header", field="host", message="this server does not answer for this host")
        response = error_response(400, ErrorCode.invalid_host, "Invalid Host header.", [detail])
        await response(scope, receive, send)
