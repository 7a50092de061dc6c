"""ETags that name the language of the answer, and If-Match that takes the version however it is written."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.curation.conftest import Account
from tests.curation.resources import INSTITUTIONS, RESOURCES, Resource


@pytest.mark.parametrize("tag", ["v1", '"v1"', '"v1-en"', "v1-es", '"v3", v1'])
@pytest.mark.parametrize("resource", RESOURCES, ids=str)
async def test_if_match_accepts_the_current_version_quoted_or_not_in_any_language(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account, resource: Resource, tag: str
) -> None:
    record = resource.build("GT")
    await factories.add(session, record)

    response = await client.patch(
        resource.url(record.id), json={resource.text_field: "Cambio"}, headers=editor_gt.with_if_match(tag)
    )

    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2


@pytest.mark.parametrize("tag", ["v2", "v10", '"v1"x', "W/v1", "1", '"v1en"'])
async def test_if_match_refuses_other_versions_and_malformed_tags(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account, tag: str
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "Cambio"}, headers=editor_gt.with_if_match(tag)
    )

    assert (response.status_code, response.json()["error"]["code"]) == (412, "precondition_failed")


async def test_the_single_record_etag_names_the_language_and_revalidates_per_language(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    url = INSTITUTIONS.url(record.id)

    spanish = await client.get(url, params={"lang": "es"})
    english = await client.get(url, headers={"Accept-Language": "en"})
    french = await client.get(url, params={"lang": "fr"})  # no French text: Spanish, by the fallbacks

    assert [r.headers["ETag"] for r in (spanish, english, french)] == ['"v1-es"', '"v1-en"', '"v1-es"']
    assert english.json()["description"] == "Support for migrant children."
    again = await client.get(url, headers={"Accept-Language": "en", "If-None-Match": '"v1-en"'})
    assert again.status_code == 304
    other_language = await client.get(url, params={"lang": "es"}, headers={"If-None-Match": '"v1-en"'})
    assert (other_language.status_code, other_language.headers["ETag"]) == (200, '"v1-es"')


async def test_a_write_answers_with_the_etag_of_its_language(
    client: httpx.AsyncClient, session: AsyncSession, editor_gt: Account
) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)

    response = await client.patch(
        INSTITUTIONS.url(record.id),
        params={"lang": "en"},
        json={"name": "Cambio"},
        headers=editor_gt.with_if_match('"v1-es"'),
    )

    assert (response.status_code, response.headers["ETag"]) == (200, '"v2-en"')
