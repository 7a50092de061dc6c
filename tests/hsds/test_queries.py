"""The HSDS list parameters: paging, search, taxonomy, organization and date filters, format; bad values get 422."""

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.hsds.ids import TAXONOMY_ID, twin_id
from tests import factories
from tests.hsds.conftest import OLD, Directory, get_all, get_json, term_id


async def names(client: httpx.AsyncClient, url: str, **params: Any) -> list[str]:
    return [item["name"] for item in await get_all(client, url, **params)]


def assert_invalid(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert field in [detail["field"] for detail in error["details"]], error


async def test_pages_are_numbered_from_one_and_cover_every_item_once(client: httpx.AsyncClient, session: Any) -> None:
    await factories.add(session, *(factories.institution(name=f"Inst {letter}") for letter in "EDCBA"))

    pages = [await get_json(client, "/hsds/services", per_page=2, page=page) for page in (1, 2, 3, 4)]

    assert [page["page_number"] for page in pages] == [1, 2, 3, 4]
    assert {page["total_items"] for page in pages} == {5}
    assert {page["total_pages"] for page in pages} == {3}
    assert [page["size"] for page in pages] == [2, 2, 1, 0]
    assert [page["first_page"] for page in pages] == [True, False, False, False]
    assert [page["last_page"] for page in pages] == [False, False, True, True]
    assert [page["empty"] for page in pages] == [False, False, False, True]
    assert [s["name"] for page in pages for s in page["contents"]] == [f"Inst {letter}" for letter in "ABCDE"]

    nothing = await get_json(client, "/hsds/services", search="zzz")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"], nothing["last_page"]) == (
        0,
        0,
        True,
        True,
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": 0}, "per_page"),
        ({"per_page": 101}, "per_page"),
        ({"per_page": "ten"}, "per_page"),
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"format": "xml"}, "format"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "2026-13-01"}, "modified_after"),
        # Valid ISO 8601 that overflows once converted to UTC.
        ({"modified_after": "0001-01-01T00:00:00+14:00"}, "modified_after"),
        ({"modified_after": "9999-12-31T23:59:59-14:00"}, "modified_after"),
        ({"taxonomy_term_id": "5b0b3b2e-7a57-4d0e-8f5c-0d6c4c1f2a90"}, "taxonomy_term_id"),
        ({"taxonomy_id": "other"}, "taxonomy_id"),
        ({"search": ""}, "search"),
        ({"postcode": "01001"}, "postcode"),
    ],
)
async def test_bad_parameters_get_422_naming_them(
    client: httpx.AsyncClient, params: dict[str, Any], field: str
) -> None:
    url = "/hsds/service_at_locations" if field == "postcode" else "/hsds/services"
    assert_invalid(await client.get(url, params=params), field)


async def test_bad_parameters_of_the_other_lists_get_422(client: httpx.AsyncClient) -> None:
    assert_invalid(await client.get("/hsds/organizations", params={"per_page": 1000}), "per_page")
    assert_invalid(await client.get("/hsds/taxonomies", params={"page": 0}), "page")
    assert_invalid(await client.get("/hsds/taxonomy_terms", params={"parent_id": "nope"}), "parent_id")
    assert_invalid(await client.get("/hsds/taxonomy_terms", params={"taxonomy_id": "nope"}), "taxonomy_id")
    assert_invalid(await client.get("/hsds/services", params={"search": "a\x00b"}), "search")


async def test_search_ignores_case_and_accents_in_every_language(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    assert await names(client, "/hsds/services", search="procuraduria") == [
        "Procuraduría de Protección de la Niñez",
        "Línea de la Procuraduría",
    ]
    assert await names(client, "/hsds/services", search="LEGAL advice") == ["Procuraduría de Protección de la Niñez"]
    assert await names(client, "/hsds/services", search="ppn") == ["Procuraduría de Protección de la Niñez"]
    assert await names(client, "/hsds/organizations", search="movil") == ["Equipo móvil de respuesta"]
    links = await get_all(client, "/hsds/service_at_locations", search="refugio")
    assert [link["service"]["name"] for link in links] == ["Casa Refugio Confidencial"]
    terms = await get_all(client, "/hsds/taxonomy_terms", search="albergue")
    assert {term["code"] for term in terms} >= {"shelter"}
    assert await get_all(client, "/hsds/taxonomies", search="servicio") != []
    assert await get_all(client, "/hsds/taxonomies", search="zzz") == []


async def test_a_taxonomy_term_matches_the_terms_below_it(client: httpx.AsyncClient, directory: Directory) -> None:
    emergency = await term_id(client, "emergency_response")
    assert await names(client, "/hsds/services", taxonomy_term_id=emergency) == [
        "Equipo móvil de respuesta",
        "Línea de la Procuraduría",
        "Servicio huérfano",
    ]
    hotline = await term_id(client, "emergency_hotline")
    assert await names(client, "/hsds/services", taxonomy_term_id=hotline) == [
        "Línea de la Procuraduría",
        "Servicio huérfano",
    ]
    legal = await term_id(client, "legal_assistance")
    assert await names(client, "/hsds/services", taxonomy_term_id=legal) == ["Procuraduría de Protección de la Niñez"]
    assert len(await names(client, "/hsds/services", taxonomy_id=TAXONOMY_ID)) == 5

    children = await get_all(client, "/hsds/taxonomy_terms", parent_id=emergency)
    assert {term["code"] for term in children} == {"emergency_hotline", "mobile_response_team"}
    assert {term["parent_id"] for term in children} == {emergency}
    top = await get_all(client, "/hsds/taxonomy_terms", top_only="true")
    assert "emergency_response" in {term["code"] for term in top}
    assert not any("parent_id" in term for term in top)
    every = await get_all(client, "/hsds/taxonomy_terms", taxonomy_id=TAXONOMY_ID)
    assert len(every) > len(top)


async def test_organization_id_lists_the_services_of_that_organization(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    institution = await get_all(client, "/hsds/services", organization_id=directory.institution.id)
    assert [service["id"] for service in institution] == [
        twin_id(directory.institution.id, "service"),
        directory.linked.id,
    ]
    standalone = await get_all(
        client, "/hsds/services", organization_id=twin_id(directory.standalone.id, "organization")
    )
    assert [service["id"] for service in standalone] == [directory.standalone.id]
    links = await get_all(client, "/hsds/service_at_locations", organization_id=directory.institution.id)
    assert {link["service_id"] for link in links} == {s["id"] for s in institution}
    assert await get_all(client, "/hsds/services", organization_id="5b0b3b2e-7a57-4d0e-8f5c-0d6c4c1f2a90") == []
    # The organization standing for a service is gone once the service has a published institution.
    linked_as_own = twin_id(directory.linked.id, "organization")
    assert await get_all(client, "/hsds/services", organization_id=linked_as_own) == []


async def test_modified_after_keeps_what_changed_since(client: httpx.AsyncClient, directory: Directory) -> None:
    recent = await names(client, "/hsds/services", modified_after="2026-01-01T00:00:00Z")
    assert "Procuraduría de Protección de la Niñez" not in recent
    assert len(recent) == 4
    since_old = await names(client, "/hsds/services", modified_after=OLD.isoformat())
    assert len(since_old) == 5, "on or after"
    assert len(await names(client, "/hsds/services", modified_after="2025-01-15T00:00:01")) == 4, "naive is UTC"
    assert len(await names(client, "/hsds/services", modified_after="2025-01-15")) == 5
    future = datetime(2100, 1, 1, tzinfo=UTC).isoformat()
    assert await names(client, "/hsds/services", modified_after=future) == []


async def test_minimal_lists_only_ids_names_and_dates(client: httpx.AsyncClient, directory: Directory) -> None:
    page = await get_json(client, "/hsds/services", minimal="true", full="true", per_page=100)
    assert page["total_items"] == 5
    assert {tuple(sorted(item)) for item in page["contents"]} == {("id", "last_modified", "name", "status")}


async def test_service_at_locations_lists_only_services_with_a_public_place(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    links = await get_all(client, "/hsds/service_at_locations")
    assert {link["service"]["name"] for link in links} == {
        "Procuraduría de Protección de la Niñez",
        "Casa Refugio Confidencial",
        "Línea de la Procuraduría",
        "Servicio huérfano",
    }, "the mobile team has no place at all"
    assert all("phones" not in link["service"] for link in links), "flat unless full=true"
    full = await get_all(client, "/hsds/service_at_locations", full="true")
    assert all("phones" in link["service"] for link in full)
    one = await get_json(client, f"/hsds/service_at_locations/{twin_id(directory.linked.id, 'service_at_location')}")
    assert one["service"]["id"] == directory.linked.id
    assert one["location"]["addresses"][0]["address_1"] == "Avenida Reforma 1"
    missing = await client.get(f"/hsds/service_at_locations/{twin_id(directory.standalone.id, 'service_at_location')}")
    assert missing.status_code == 404
