"""Refuses requests over the configured sizes, with the one error envelope.

Headers: one field or all of them over their limits get 431 before any other work (the server itself may accept
megabytes of headers). Bodies: a declared Content-Length over the limit is refused before anything is read; a
body sent without one (chunked) is counted as it arrives and refused as soon as it passes the limit.
"""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import ErrorCode, ErrorDetail, error_response

# How much of an over-long header name the refusal repeats.
_NAME_SHOWN = 64


class HeaderSizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_field_bytes: int, max_total_bytes: int) -> None:
        self.app = app
        self.max_field_bytes = max_field_bytes
        self.max_total_bytes = max_total_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        total = 0
        for name, value in scope["headers"]:
            size = len(name) + len(value)
            total += size
            if size > self.max_field_bytes:
                field = name[:_NAME_SHOWN].decode("latin-1")
                message = f"The header field is larger than {self.max_field_bytes} bytes."
                await self._refuse(scope, receive, send, message, field)
                return
        if total > self.max_total_bytes:
            await self._refuse(scope, receive, send, f"The headers are larger than {self.max_total_bytes} bytes.")
            return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, message: str, field: str | None = None) -> None:
        details = [ErrorDetail(location="header", field=field, message=message)] if field else []
        response = error_response(431, ErrorCode.request_header_fields_too_large, message, details)
        await response(scope, receive, send)


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
            await error_response(413, ErrorCode.payload_too_large, self._message(limit))(scope, receive, send)
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
