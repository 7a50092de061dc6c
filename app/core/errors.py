"""The one error envelope: every error the API answers, validation errors included, has this shape."""

import logging
from enum import StrEnum
from typing import Any, TypeVar

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.config import API_PREFIX
from app.core.security_headers import EVERY_ANSWER

logger = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    """Every `error.code` the API answers with; the README's catalogue says when each is given."""

    bad_request = "bad_request"
    invalid_host = "invalid_host"
    invalid_parameter = "invalid_parameter"
    import_rejected = "import_rejected"
    unauthorized = "unauthorized"
    forbidden = "forbidden"
    not_found = "not_found"
    method_not_allowed = "method_not_allowed"
    not_acceptable = "not_acceptable"
    conflict = "conflict"
    gone = "gone"
    precondition_failed = "precondition_failed"
    payload_too_large = "payload_too_large"
    unsupported_media_type = "unsupported_media_type"
    range_not_satisfiable = "range_not_satisfiable"
    precondition_required = "precondition_required"
    too_many_requests = "too_many_requests"
    request_header_fields_too_large = "request_header_fields_too_large"
    internal_error = "internal_error"
    not_ready = "not_ready"
    # Any other HTTP status the framework answers (none is expected: each has its code above).
    http_error = "http_error"


class ErrorDetail(BaseModel):
    location: str = Field(description="Where the problem is: query, path, header or body.")
    field: str = Field(description="The parameter or body field at fault.")
    message: str


def _open_enum(schema: dict[str, Any]) -> None:
    """Today's codes as a known set, or any other string: v1 may add codes, and a client generated from this
    document (openapi-python-client, openapi-typescript) must still read an error whose code it does not know."""
    del schema["type"]
    schema["anyOf"] = [
        {"type": "string", "enum": [code.value for code in ErrorCode], "title": "KnownErrorCode"},
        {"type": "string"},
    ]


class ErrorBody(BaseModel):
    status: int
    code: str = Field(
        description="A stable, machine-readable error code (see the README's catalogue).",
        json_schema_extra=_open_enum,
    )
    message: str = Field(description="A human-readable explanation.")
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    error: ErrorBody


class AppError(Exception):
    status_code: int = status.HTTP_400_BAD_REQUEST
    code: ErrorCode = ErrorCode.bad_request

    def __init_subclass__(cls, *, status_code: int | None = None, code: ErrorCode | None = None) -> None:
        # Each kind of error names its status and code in its class line: `class X(AppError, status_code=…, code=…)`.
        super().__init_subclass__()
        if status_code is not None:
            cls.status_code = status_code
        if code is not None:
            cls.code = code

    def __init__(
        self, message: str, details: list[ErrorDetail] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.headers = headers


class UnauthorizedError(AppError, status_code=status.HTTP_401_UNAUTHORIZED, code=ErrorCode.unauthorized):
    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer", **(headers or {})})


class ForbiddenError(AppError, status_code=status.HTTP_403_FORBIDDEN, code=ErrorCode.forbidden):
    """Signed in, but the account may not do this (another country, a role without the right)."""


class ConflictError(AppError, status_code=status.HTTP_409_CONFLICT, code=ErrorCode.conflict):
    """The write collides with what is stored (a duplicate, something decided or changed meanwhile)."""


class GoneError(AppError, status_code=status.HTTP_410_GONE, code=ErrorCode.gone):
    """What was valid once and cannot be answered any more (an old sync cursor)."""


class PreconditionFailedError(
    AppError, status_code=status.HTTP_412_PRECONDITION_FAILED, code=ErrorCode.precondition_failed
):
    """`If-Match` names a version that is not the current one."""


class PreconditionRequiredError(
    AppError, status_code=status.HTTP_428_PRECONDITION_REQUIRED, code=ErrorCode.precondition_required
):
    """A write that must name the version it changes (`If-Match`) did not."""


class TooManyRequestsError(AppError, status_code=status.HTTP_429_TOO_MANY_REQUESTS, code=ErrorCode.too_many_requests):
    def __init__(self, message: str, retry_after: int, headers: dict[str, str] | None = None) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after), **(headers or {})})


class NotFoundError(AppError, status_code=status.HTTP_404_NOT_FOUND, code=ErrorCode.not_found):
    """No such thing, or none the account may know of."""


class RangeNotSatisfiableError(
    AppError, status_code=status.HTTP_416_RANGE_NOT_SATISFIABLE, code=ErrorCode.range_not_satisfiable
):
    """A `Range` that falls outside the file."""


class ServiceUnavailableError(AppError, status_code=status.HTTP_503_SERVICE_UNAVAILABLE, code=ErrorCode.not_ready):
    """The server cannot answer yet (the database is not reachable or not migrated)."""


class InvalidBodyError(AppError, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, code=ErrorCode.invalid_parameter):
    """A request body of the wrong shape: the message says what to send, the details what was wrong."""


class InvalidParameterError(
    AppError, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, code=ErrorCode.invalid_parameter
):
    def __init__(self, location: str, field: str, message: str) -> None:
        super().__init__(
            f"Invalid {location} parameter '{field}': {message}",
            [ErrorDetail(location=location, field=field, message=message)],
        )


T = TypeVar("T")


def found(value: T | None, what: str) -> T:
    """`value`, or 404 "No `what`." when there is none (`what` names it: "report with id '…'")."""
    if value is None:
        raise NotFoundError(f"No {what}.")
    return value


def error_response(
    status_code: int,
    code: ErrorCode,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status_code, code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status_code, headers=headers)


_STATUS_CODES = {
    404: ErrorCode.not_found,
    405: ErrorCode.method_not_allowed,
    406: ErrorCode.not_acceptable,
    413: ErrorCode.payload_too_large,
    415: ErrorCode.unsupported_media_type,
}


def _validation_detail(error: dict[str, Any]) -> ErrorDetail:
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc else "request"
    # A query parameter is named as the client sent it ("kind", not "kind.0"); a body field by its path.
    field = loc[1] if location != "body" and len(loc) > 1 else ".".join(loc[1:]) or location
    return ErrorDetail(location=location, field=field, message=str(error.get("msg", "invalid value")))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, exc.details, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [_validation_detail(e) for e in exc.errors()]
        fields = ", ".join(sorted({f"'{d.field}'" for d in details}))
        message = f"Invalid request: check {fields}." if fields else "Invalid request."
        return error_response(status.HTTP_422_UNPROCESSABLE_CONTENT, ErrorCode.invalid_parameter, message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.http_error)
        return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("Unhandled error on %s %s", request.method, request.url.path)
        # Starlette answers this outside every middleware, the security headers' included.
        return error_response(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            ErrorCode.internal_error,
            "An unexpected error occurred.",
            headers=dict(EVERY_ANSWER),
        )


# Per status: what the documentation says, and the code of its example answer.
_DOCUMENTED: dict[int, tuple[str, ErrorCode]] = {
    401: (f"No valid bearer token: sign in at POST {API_PREFIX}/auth/token.", ErrorCode.unauthorized),
    403: ("Your account may not do this (role, or a country not on your account).", ErrorCode.forbidden),
    404: ("No record with this identifier is published.", ErrorCode.not_found),
    410: (
        "The sync cursor can no longer be answered: sync again from scratch (without `since`).",
        ErrorCode.gone,
    ),
    409: ("The change conflicts with existing data (for example a duplicate e-mail or code).", ErrorCode.conflict),
    412: (
        "If-Match does not match the record's current ETag: someone changed it; fetch it again.",
        ErrorCode.precondition_failed,
    ),
    413: ("The request body is larger than allowed.", ErrorCode.payload_too_large),
    416: (
        "The Range asked for starts after the end of the answer (Content-Range gives its size).",
        ErrorCode.range_not_satisfiable,
    ),
    428: (
        "This change requires an If-Match header with the ETag from your last GET.",
        ErrorCode.precondition_required,
    ),
    429: ("Too many failed attempts; wait for Retry-After seconds.", ErrorCode.too_many_requests),
    422: ("A parameter is malformed or unknown; `error.details` names it.", ErrorCode.invalid_parameter),
    503: ("The service is not ready.", ErrorCode.not_ready),
}
_EXAMPLE_DETAILS = {
    422: [ErrorDetail(location="query", field="limit", message="Input should be less than or equal to 100")]
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the error statuses a route can answer."""
    return {code: {"model": ErrorResponse, "description": _DOCUMENTED[code][0]} for code in codes}


def error_example(status_code: int) -> dict[str, Any]:
    """An example answer for a documented error status, with the code the API gives it."""
    description, code = _DOCUMENTED[status_code]
    details = _EXAMPLE_DETAILS.get(status_code, [])
    return ErrorResponse(
        error=ErrorBody(status=status_code, code=code, message=description, details=details)
    ).model_dump()


async def reject_nul_characters(request: Request) -> None:
    """PostgreSQL text cannot hold U+0000: refuse it in any parameter with a 422 instead of a database error."""
    for name, value in [*request.query_params.multi_items(), *request.path_params.items()]:
        if "\x00" in str(value):
            location = "path" if name in request.path_params else "query"
            raise InvalidParameterError(location, name, "must not contain the NUL character")
