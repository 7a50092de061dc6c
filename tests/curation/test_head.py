"""HEAD on every GET path of the OpenAPI document: the GET's status and headers, no body; anonymous (the response
cache's answers and the 401s) and as an administrator (the signed-in reads). Here beside the accounts fixtures."""

import re
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.curation.conftest import Account

# Headers that may differ between two answers to the same request.
VOLATILE = {"date"}


async def _record_ids(session: AsyncSession) -> dict[str, str]:
    institution = factories.institution()
    service = factories.emergency_service()
    system = factories.protection_system()
    await factories.add(session, institution, service, system)
    focal_point = factories.focal_point(protection_system_id=system.id)
    await factories.add(session, focal_point)
    return {
        "institution_id": institution.id,
        "service_id": service.id,
        "system_id": system.id,
        "focal_point_id": focal_point.id,
        "resource": "institutions",
        "id": "not-an-hsds-id",
    }


def _fill(path: str, values: dict[str, str]) -> str:
    if path.startswith("/api/v1/service-types/"):
        values = {**values, "code": "legal_assistance"}
    return re.sub(r"\{(\w+)\}", lambda match: values.get(match.group(1), "HN"), path)


def _comparable(response: httpx.Response, changing: set[str]) -> dict[str, Any]:
    headers = {name: value for name, value in response.headers.items() if name not in VOLATILE | changing}
    return {"status": response.status_code, "headers": headers}


@pytest.mark.parametrize("who", ["anonymous", "admin"])
async def test_every_get_path_answers_head_like_get_without_a_body(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, who: str
) -> None:
    document = (await client.get("/openapi.json")).json()
    values = {**await _record_ids(session), "user_id": admin.id}
    headers = admin.headers if who == "admin" else {}
    paths = [_fill(path, values) for path, item in document["paths"].items() if "get" in item]
    assert len(paths) >= 35

    for path in paths:
        get = await client.get(path, headers=headers)
        head = await client.head(path, headers=headers)
        again = await client.get(path, headers=headers)

        # An answer made afresh on each request (a spreadsheet or a report stamps its time) differs between two
        # GETs too: in its length, and in headers that follow the body.
        changing = {name for name, value in get.headers.items() if again.headers.get(name) != value}
        if get.content != again.content:
            changing.add("content-length")
        assert _comparable(head, changing) == _comparable(get, changing), path
        assert head.content == b"", path
        assert get.status_code != 405, path


async def test_head_of_a_cached_answer_revalidates_like_get(client: httpx.AsyncClient) -> None:
    miss = await client.head("/api/v1/countries")
    hit = await client.head("/api/v1/countries")
    get = await client.get("/api/v1/countries")
    not_modified = await client.head("/api/v1/countries", headers={"If-None-Match": get.headers["etag"]})

    assert miss.status_code == hit.status_code == 200
    assert miss.headers["etag"] == hit.headers["etag"] == get.headers["etag"]
    assert hit.headers["content-length"] == get.headers["content-length"] != "0"
    assert (miss.content, hit.content) == (b"", b"")
    assert not_modified.status_code == 304


async def test_head_is_no_way_around_a_missing_get(client: httpx.AsyncClient) -> None:
    answer = await client.head("/api/v1/auth/token")  # POST only: HEAD gets what GET gets

    assert answer.status_code == 405
    assert answer.content == b""
