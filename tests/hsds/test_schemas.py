"""Every HSDS endpoint answers what the official HSDS 3.0 schemas describe, extended only by `rcm_*` properties."""

import json

import httpx
import pytest

from app.hsds.ids import twin_id
from tests.hsds.conftest import Directory, get_all, get_json, term_id
from tests.hsds.schema import assert_answer, assert_item, foreign_keys

LISTS = ["/services", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]


def check(path: str, body: object) -> None:
    assert_answer(path, body)
    assert not foreign_keys(body), f"GET {path}: properties outside HSDS and the profile: {foreign_keys(body)}"


async def test_every_list_matches_the_hsds_page_schema(client: httpx.AsyncClient, directory: Directory) -> None:
    for path in LISTS:
        for params in ({}, {"full": "true"}, {"full_service": "true"}, {"minimal": "true"}, {"per_page": 1}):
            body = await get_json(client, f"/hsds{path}", **params)
            check(path, body)
            assert body["contents"], f"{path} {params} is empty"


async def test_every_single_object_matches_its_hsds_schema(client: httpx.AsyncClient, directory: Directory) -> None:
    services = await get_all(client, "/hsds/services")
    organizations = await get_all(client, "/hsds/organizations")
    assert len(services) == 5
    assert len(organizations) == 4
    for service in services:
        body = await get_json(client, f"/hsds/services/{service['id']}")
        check("/services/{id}", body)
        assert body["organization"]["id"] == body["organization_id"]
    for organization in organizations:
        for params in ({}, {"full_service": "true"}):
            check("/organizations/{id}", await get_json(client, f"/hsds/organizations/{organization['id']}", **params))

    links = await get_all(client, "/hsds/service_at_locations")
    assert links
    for link in links:
        body = await get_json(client, f"/hsds/service_at_locations/{link['id']}")
        # The HSDS OpenAPI document gives compiled/service.json for this path, a slip of the specification (a
        # service_at_location has no name or status): it is checked against the service_at_location schema.
        check("/service_at_locations/{id}", body)
        assert body["service"]["id"] == link["service_id"]
        assert body["location"]["id"] == link["location_id"]

    taxonomy = (await get_all(client, "/hsds/taxonomies"))[0]
    check("/taxonomies/{id}", await get_json(client, f"/hsds/taxonomies/{taxonomy['id']}"))
    check("/taxonomy_terms/{id}", await get_json(client, f"/hsds/taxonomy_terms/{await term_id(client, 'shelter')}"))


async def test_full_service_nests_every_part(client: httpx.AsyncClient, directory: Directory) -> None:
    service = await get_json(client, f"/hsds/services/{twin_id(directory.institution.id, 'service')}")

    assert service["organization_id"] == directory.institution.id
    assert [phone["number"] for phone in service["phones"]] == [p["number"] for p in directory.institution.phones]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]] == [("MO", "08:00", "16:00")]
    assert service["schedules"][0]["rcm_time_zone"] == "America/Guatemala"
    assert [attribute["taxonomy_term"]["code"] for attribute in service["attributes"]] == ["legal_assistance"]
    assert (service["minimum_age"], service["maximum_age"]) == (0, 17)
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["city"], address["country"]) == ("Ciudad de Guatemala", "GT")
    assert [language["code"] for language in service["languages"]] == ["es"]

    standalone = await get_json(client, f"/hsds/services/{directory.standalone.id}")
    assert [area["name"] for area in standalone["service_areas"]] == ["Cortés", "Atlántida"]
    assert standalone["service_at_locations"] == []
    assert standalone["fees_description"] == "Gratuito."
    hotline = await get_json(client, f"/hsds/services/{directory.linked.id}")
    assert hotline["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert [(a["name"], a["extent_type"]) for a in hotline["service_areas"]] == [("Guatemala", "country")]


@pytest.mark.parametrize("path", LISTS)
async def test_ndjson_streams_every_item_as_a_valid_line(
    client: httpx.AsyncClient, directory: Directory, path: str
) -> None:
    paged = await get_json(client, f"/hsds{path}", per_page=1)
    response = await client.get(f"/hsds{path}", params={"format": "ndjson", "page": 2, "per_page": 1})

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = response.text.splitlines()
    assert len(lines) == paged["total_items"], "ndjson lists every item, without pages"
    for line in lines:
        item = json.loads(line)
        assert_item(path, item)
        assert not foreign_keys(item)
    assert json.loads(lines[0]) == paged["contents"][0]


async def test_ids_are_stable_across_requests(client: httpx.AsyncClient, directory: Directory) -> None:
    first = await get_all(client, "/hsds/services", full="true")
    second = await get_all(client, "/hsds/services", full="true")
    assert first == second
    ids = [service["id"] for service in first]
    assert len(set(ids)) == len(ids)
    assert directory.standalone.id in ids, "an emergency service keeps its record's id"
    assert twin_id(directory.institution.id, "service") in ids


async def test_root_names_the_version_profile_and_openapi(client: httpx.AsyncClient) -> None:
    about = await get_json(client, "/hsds/")
    check("/", about)
    assert about["version"] == "3.0"
    assert about["profile"] == "http://testserver/hsds/profile"
    assert about["openapi_url"] == "http://testserver/openapi.json"

    profile = await client.get("/hsds/profile")
    assert profile.status_code == 200
    assert profile.headers["content-type"].startswith("text/markdown")
    assert "rcm_translations" in profile.text
    assert "HSDS" in profile.text
    openapi = await get_json(client, "/openapi.json")
    assert "/hsds/services/{id}" in openapi["paths"]


async def test_the_validation_is_not_vacuous(client: httpx.AsyncClient, directory: Directory) -> None:
    """The checks above would catch a broken answer: required fields, types, formats and nested $refs."""
    page = await get_json(client, "/hsds/services")
    with pytest.raises(AssertionError, match="name"):
        assert_answer("/services", {**page, "contents": [{"id": page["contents"][0]["id"], "status": "active"}]})
    with pytest.raises(AssertionError, match="total_items"):
        assert_answer("/services", {**page, "total_items": "5"})
    with pytest.raises(AssertionError, match="uuid"):
        assert_item("/services", {**page["contents"][0], "id": "not-a-uuid"})
    service = await get_json(client, f"/hsds/services/{directory.linked.id}")
    phone = {"id": service["phones"][0]["id"]}
    with pytest.raises(AssertionError, match="number"):
        assert_answer("/services/{id}", {**service, "phones": [phone]})
    link = service["service_at_locations"][0]
    broken_link = {**link, "location": {"id": link["location"]["id"]}}
    with pytest.raises(AssertionError, match="location_type"):
        assert_answer("/services/{id}", {**service, "service_at_locations": [broken_link]})
    organization = await get_json(client, f"/hsds/organizations/{directory.institution.id}")
    with pytest.raises(AssertionError, match="status"):
        assert_answer("/organizations/{id}", {**organization, "services": [{"id": service["id"], "name": "x"}]})
    term = await get_json(client, f"/hsds/taxonomy_terms/{await term_id(client, 'shelter')}")
    broken = {**term, "taxonomy_detail": {**term["taxonomy_detail"], "name": 3}}
    with pytest.raises(AssertionError, match="taxonomy_detail"):
        assert_answer("/taxonomy_terms/{id}", broken)
    assert foreign_keys({"id": "x", "phones": [{"number": "1", "extra": 1}], "rcm_translations": {"a": {}}}) == {
        "extra"
    }
