"""HEAD on every GET route (RFC 9110 §9.3.2): FastAPI's routes answer only the methods they declare, so HEAD got
405. Answered here, outside every other layer, as the GET it stands for with the body dropped: the same status and
headers (Content-Length, ETag, Link…), from the response cache as well, and no second code path to keep in step."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                # A streamed body is run to its end (it may fail late), but nothing of it is sent.
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
