"""ETags built from record versions, and the If-Match precondition that makes writes safe."""

from typing import Annotated

from fastapi import Depends, Header, Response

from app.core.errors import PreconditionFailedError, PreconditionRequiredError


def version_etag(version: int) -> str:
    return f'"v{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = version_etag(version)


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(description="The ETag from your last GET of this record. Required: a stale tag gets 412."),
    ] = None,
) -> list[str]:
    return [tag.strip() for tag in (if_match or "").split(",") if tag.strip()]


IfMatchDep = Annotated[list[str], Depends(_if_match)]


def require_current(if_match: list[str], version: int) -> None:
    """Checked after authorization, so that a caller who may not write learns that first."""
    if not if_match or if_match == ["*"]:
        raise PreconditionRequiredError(
            "Send If-Match with the ETag from your last GET of this record, so that no one's change is overwritten."
        )
    if version_etag(version) not in if_match:
        raise PreconditionFailedError(
            f"The record changed since you read it (it is now at ETag {version_etag(version)}): fetch it again."
        )
