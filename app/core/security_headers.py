"""Security headers on every answer, whichever layer produced it (cached answers, 304s and refusals too).

Every answer: nosniff, so a browser never runs a JSON or text body as a script or style sheet. The micro-site's
pages (under /directory) also get a policy that allows exactly what they use: their own style sheet, links and a
search form to the same origin; no script, no frame around them, no referrer sent to the sites they link to.
The interactive documentation (/docs, /redoc) runs its own scripts and keeps its own policy-free pages.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SITE_PREFIX = "/directory"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
EVERY_ANSWER = {"X-Content-Type-Options": "nosniff"}
_SITE_PAGES = {
    **EVERY_ANSWER,
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _with_headers(added: dict[str, str], send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in added.items():
                headers[name] = value
        await send(message)

    return sending


def _site_page(path: str) -> bool:
    return path == SITE_PREFIX or path.startswith(f"{SITE_PREFIX}/")


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


_RAW_EVERY_ANSWER, _RAW_SITE_PAGES = _raw(EVERY_ANSWER), _raw(_SITE_PAGES)


def raw_security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The headers the middleware adds to an answer to `path`, as ASGI carries them (the middleware sets them, but
    the answers they are appended to have none of these names)."""
    return _RAW_SITE_PAGES if _site_page(path) else _RAW_EVERY_ANSWER


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            send = _with_headers(_SITE_PAGES if _site_page(path) else EVERY_ANSWER, send)
        await self.app(scope, receive, send)
