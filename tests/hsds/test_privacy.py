"""The HSDS API keeps every confidentiality rule of the public API, on every endpoint and format."""

import httpx

from app.hsds.ids import twin_id
from tests.hsds.conftest import Directory, get_json

EVERY_LIST = [
    ("/hsds/services", {"full": "true"}),
    ("/hsds/organizations", {"full": "true", "full_service": "true"}),
    ("/hsds/service_at_locations", {"full": "true"}),
]


async def text_of(client: httpx.AsyncClient, url: str, **params: str | int) -> str:
    """The answer's text, which must be a 200: an error's body holds no secret, so it would prove nothing."""
    response = await client.get(url, params=params)
    assert response.status_code == 200, (url, params, response.status_code, response.text[:500])
    return response.text


async def everything(client: httpx.AsyncClient, directory: Directory) -> str:
    """The raw text of every list (JSON and ndjson) and of every single object that concerns the records."""
    texts = []
    for url, params in EVERY_LIST:
        texts.append(await text_of(client, url, **params, per_page=100))
        texts.append(await text_of(client, url, **params, format="ndjson"))
    for record in (directory.shelter, directory.institution):
        texts.append(await text_of(client, f"/hsds/organizations/{record.id}", full_service="true"))
        texts.append(await text_of(client, f"/hsds/services/{twin_id(record.id, 'service')}"))
        texts.append(await text_of(client, f"/hsds/service_at_locations/{twin_id(record.id, 'service_at_location')}"))
    text = "\n".join(texts)
    # The public parts are there: what is absent is absent because it is kept back, not because nothing is shown.
    assert directory.shelter.city in text
    assert directory.institution.address in text
    return text


async def test_a_confidential_location_shows_only_its_city_and_area(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    text = await everything(client, directory)
    assert "Calle Secreta" not in text
    assert "14.9077" not in text
    assert "-92.2631" not in text

    service = await get_json(client, f"/hsds/services/{twin_id(directory.shelter.id, 'service')}")
    location = service["service_at_locations"][0]["location"]
    assert "latitude" not in location
    assert "longitude" not in location
    assert location["rcm_location_confidential"] is True
    address = location["addresses"][0]
    assert (address["address_1"], address["city"], address["state_province"]) == ("", "Tapachula", "Chiapas")

    public = await get_json(client, f"/hsds/services/{twin_id(directory.institution.id, 'service')}")
    public_location = public["service_at_locations"][0]["location"]
    assert public_location["rcm_location_confidential"] is False
    assert public_location["latitude"] == directory.institution.latitude
    assert public_location["addresses"][0]["address_1"] == directory.institution.address


async def test_focal_points_show_only_their_institutional_contact(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    point = directory.focal_point
    text = await everything(client, directory)
    assert point.personal_email
    assert point.personal_phone
    assert point.personal_email not in text
    assert point.personal_phone not in text

    organization = await get_json(client, f"/hsds/organizations/{directory.institution.id}")
    contact = organization["contacts"]
    assert contact == [
        {
            "id": point.id,
            "organization_id": directory.institution.id,
            "name": point.full_name,
            "title": point.position,
            "email": point.public_email,
            "phones": [{"id": contact[0]["phones"][0]["id"], "contact_id": point.id, "number": point.public_phone}],
        }
    ], "only the published focal point, by its public contact"


async def test_unpublished_records_never_show(client: httpx.AsyncClient, directory: Directory) -> None:
    text = await everything(client, directory)
    for record in directory.hidden:
        name = getattr(record, "name", None) or record.full_name
        assert name not in text
    hidden_institution = directory.hidden[0]
    for url in (
        f"/hsds/organizations/{hidden_institution.id}",
        f"/hsds/services/{twin_id(hidden_institution.id, 'service')}",
        f"/hsds/services/{directory.hidden[3].id}",
    ):
        response = await client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"


async def test_a_service_whose_institution_is_unpublished_stands_as_its_own_organization(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    for record in (directory.orphan, directory.standalone):
        service = await get_json(client, f"/hsds/services/{record.id}")
        assert service["organization_id"] == twin_id(record.id, "organization")
        organization = await get_json(client, f"/hsds/organizations/{service['organization_id']}")
        assert organization["name"] == record.name
        assert organization["rcm_kind"] == "service"
        assert [s["id"] for s in organization["services"]] == [record.id]
    linked = await get_json(client, f"/hsds/services/{directory.linked.id}")
    assert linked["organization_id"] == directory.institution.id
    # The organization standing for a service exists only while the service has no published institution.
    response = await client.get(f"/hsds/organizations/{twin_id(directory.linked.id, 'organization')}")
    assert response.status_code == 404


async def test_an_unknown_id_is_404_in_the_error_envelope(client: httpx.AsyncClient) -> None:
    for path in ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        for unknown in ("5b0b3b2e-7a57-4d0e-8f5c-0d6c4c1f2a90", "not-a-uuid", "x" * 64):
            response = await client.get(f"/hsds/{path}/{unknown}")
            assert response.status_code == 404, response.text
            error = response.json()["error"]
            assert (error["status"], error["code"]) == (404, "not_found")
            assert unknown in error["message"]
