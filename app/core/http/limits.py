"""Refuses request bodies over the configured size, with the one error envelope.

A declared Content-Length over the limit is refused before anything is read; a body sent without one (chunked)
is counted as it arrives and refused as soon as it passes the limit.
"""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import error_response


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, path_limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Larger limits for some paths (file uploads), by exact path.
        self.path_limits = path_limits or {}

    def _message(self, limit: int) -> str:
        return f"The request body is larger than {limit} bytes."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.path_limits.get(scope["path"], self.max_body_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await error_response(413, "payload_too_large", self._message(limit))(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the app while it reads the body, so the app's error handlers answer it.
                    raise HTTPException(413, self._message(limit))
            return message

        await self.app(scope, counting_receive, send)
