"""ETags built from record versions, and the If-Match precondition that makes writes safe."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Header, Response

from app.core.errors import PreconditionFailedError, PreconditionRequiredError

if TYPE_CHECKING:
    from app.core.i18n import Localizer


def version_etag(version: int, languages: Sequence[str] = ()) -> str:
    """'"v3"', or '"v3-en"' for an answer whose texts are in English: one version reads differently per language,
    and a strong ETag names one body."""
    return f'"v{version}-{".".join(languages)}"' if languages else f'"v{version}"'


def set_etag(response: Response, version: int, localizer: "Localizer | None" = None) -> None:
    """With the localizer of an answer that picks texts, the tag follows the languages it picks."""
    if localizer is None:
        response.headers["ETag"] = version_etag(version)
    else:
        localizer.tag_version(version)


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            description='The ETag from your last GET of this record (`"v3-en"`); the version alone (`"v3"`) and '
            "the unquoted form (`v3`) are accepted too. Required: a stale tag gets 412."
        ),
    ] = None,
) -> list[str]:
    return [tag.strip() for tag in (if_match or "").split(",") if tag.strip()]


IfMatchDep = Annotated[list[str], Depends(_if_match)]


def names_version(tag: str, version: int) -> bool:
    """Whether an If-Match tag names `version`, in any language: "v3", "v3-en", quoted or not (clients and
    shells drop the quotes easily, and the version is all a write is checked against). Weak tags never do."""
    bare = tag[1:-1] if len(tag) > 1 and tag[0] == tag[-1] == '"' else tag
    plain = f"v{version}"
    return bare == plain or bare.startswith(plain + "-")


def require_current(if_match: list[str], version: int) -> None:
    """Checked after authorization, so that a caller who may not write learns that first."""
    if not if_match or if_match == ["*"]:
        raise PreconditionRequiredError(
            "Send If-Match with the ETag from your last GET of this record, so that no one's change is overwritten."
        )
    if not any(names_version(tag, version) for tag in if_match):
        raise PreconditionFailedError(
            f"The record changed since you read it (it is now at ETag {version_etag(version)}): fetch it again."
        )
