"""The one error envelope: every error the API answers, validation errors included, has this shape."""

import logging
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.config import API_PREFIX

logger = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    location: str = Field(description="Where the problem is: query, path, header or body.")
    field: str = Field(description="The parameter or body field at fault.")
    message: str


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="A stable, machine-readable error code.")
    message: str = Field(description="A human-readable explanation.")
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    error: ErrorBody


class AppError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST
    code = "bad_request"

    def __init__(
        self, message: str, details: list[ErrorDetail] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.headers = headers


class UnauthorizedError(AppError):
    status_code = status.HTTP_401_UNAUTHORIZED
    code = "unauthorized"

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class ForbiddenError(AppError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "forbidden"


class ConflictError(AppError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


class GoneError(AppError):
    status_code = status.HTTP_410_GONE
    code = "gone"


class PreconditionFailedError(AppError):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    code = "precondition_failed"


class PreconditionRequiredError(AppError):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    code = "precondition_required"


class TooManyRequestsError(AppError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    code = "too_many_requests"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class NotFoundError(AppError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


class ServiceUnavailableError(AppError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    code = "not_ready"


class InvalidBodyError(AppError):
    """A request body of the wrong shape: the message says what to send, the details what was wrong."""

    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    code = "invalid_parameter"


class InvalidParameterError(AppError):
    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    code = "invalid_parameter"

    def __init__(self, location: str, field: str, message: str) -> None:
        super().__init__(
            f"Invalid {location} parameter '{field}': {message}",
            [ErrorDetail(location=location, field=field, message=message)],
        )


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status_code, code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status_code, headers=headers)


_STATUS_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
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
        return error_response(status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_parameter", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("Unhandled error on %s %s", request.method, request.url.path)
        return error_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred.")


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the error statuses a route can answer."""
    descriptions = {
        401: f"No valid bearer token: sign in at POST {API_PREFIX}/auth/token.",
        403: "Your account may not do this (role, or a country not on your account).",
        404: "No record with this identifier is published.",
        410: "The sync cursor can no longer be answered: sync again from scratch (without `since`).",
        409: "The change conflicts with existing data (for example a duplicate e-mail or code).",
        412: "If-Match does not match the record's current ETag: someone changed it; fetch it again.",
        413: "The request body is larger than allowed.",
        428: "This change requires an If-Match header with the ETag from your last GET.",
        429: "Too many failed attempts; wait for Retry-After seconds.",
        422: "A parameter is malformed or unknown; `error.details` names it.",
        503: "The service is not ready.",
    }
    return {code: {"model": ErrorResponse, "description": descriptions.get(code, "Error")} for code in codes}


async def reject_nul_characters(request: Request) -> None:
    """PostgreSQL text cannot hold U+0000: refuse it in any parameter with a 422 instead of a database error."""
    for name, value in [*request.query_params.multi_items(), *request.path_params.items()]:
        if "\x00" in str(value):
            location = "path" if name in request.path_params else "query"
            raise InvalidParameterError(location, name, "must not contain the NUL character")
