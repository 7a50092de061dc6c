import uuid

import httpx
import pytest

URL = "/api/v1/service-types"
TAXONOMY_NAMESPACE = uuid.UUID("6b0c3f7e-2a51-4a3c-9d0e-5f1a7c2b9e41")


async def by_code(client: httpx.AsyncClient, **params: object) -> dict[str, dict[str, object]]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return {item["code"]: item for item in response.json()["items"]}


async def test_taxonomy_links_children_to_their_parents(client: httpx.AsyncClient) -> None:
    body = (await client.get(URL)).json()
    items = {item["code"]: item for item in body["items"]}

    assert body["total"] == len(body["items"]) >= 21
    assert (body["limit"], body["offset"]) == (100, 0)
    children: dict[object, set[str]] = {}
    for code, item in items.items():
        children.setdefault(item["parent_code"], set()).add(code)
    assert children["emergency_response"] == {"emergency_hotline", "mobile_response_team"}
    assert children["shelter"] == {"emergency_shelter"}
    assert children["violence_response"] == {"anti_trafficking"}
    for top in ("emergency_response", "shelter", "violence_response", "legal_assistance"):
        assert items[top]["parent_code"] is None
    assert set(children) - {None} <= set(items)


async def test_taxonomy_is_in_display_order(client: httpx.AsyncClient) -> None:
    body = (await client.get(URL)).json()

    assert [item["code"] for item in body["items"][:5]] == [
        "emergency_response",
        "emergency_hotline",
        "mobile_response_team",
        "shelter",
        "emergency_shelter",
    ]


async def test_ids_are_stable_across_installations(client: httpx.AsyncClient) -> None:
    items = await by_code(client)

    assert items["emergency_hotline"]["id"] == str(uuid.uuid5(TAXONOMY_NAMESPACE, "emergency_hotline"))
    assert items["anti_trafficking"]["id"] == str(uuid.uuid5(TAXONOMY_NAMESPACE, "anti_trafficking"))


async def test_taxonomy_pages_with_limit_and_offset(client: httpx.AsyncClient) -> None:
    full = (await client.get(URL)).json()
    page = (await client.get(URL, params={"limit": 2, "offset": 1})).json()

    assert (page["total"], page["limit"], page["offset"]) == (full["total"], 2, 1)
    assert [item["code"] for item in page["items"]] == ["emergency_hotline", "mobile_response_team"]


async def test_names_and_descriptions_are_spanish_by_default(client: httpx.AsyncClient) -> None:
    response = await client.get(URL)
    hotline = {item["code"]: item for item in response.json()["items"]}["emergency_hotline"]

    assert response.headers["Content-Language"] == "es"
    assert hotline == {
        "id": str(uuid.uuid5(TAXONOMY_NAMESPACE, "emergency_hotline")),
        "code": "emergency_hotline",
        "parent_code": "emergency_response",
        "name": "Línea de emergencia",
        "name_language": "es",
        "description": "Línea telefónica de atención inmediata, a menudo gratuita y 24 horas.",
        "description_language": "es",
    }


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"lang": "en"}, {}), ({}, {"Accept-Language": "en-US,en;q=0.9"}), ({}, {"Accept-Language": "fr, en;q=0.5"})],
)
async def test_names_in_english_when_asked(
    client: httpx.AsyncClient, params: dict[str, str], headers: dict[str, str]
) -> None:
    response = await client.get(URL, params=params, headers=headers)
    items = {item["code"]: item for item in response.json()["items"]}

    assert response.headers["Content-Language"] == "en"
    assert (items["emergency_hotline"]["name"], items["emergency_hotline"]["name_language"]) == (
        "Emergency hotline",
        "en",
    )
    assert items["shelter"]["name"] == "Shelter and temporary accommodation"
    assert items["emergency_shelter"]["description"] == "Immediate care at any hour."
    assert {item["name_language"] for item in items.values()} == {"en"}


async def test_missing_language_falls_back_to_spanish(client: httpx.AsyncClient) -> None:
    response = await client.get(URL, params={"lang": "fr"})
    items = await by_code(client, lang="fr")

    assert response.headers["Content-Language"] == "es"
    assert (items["anti_trafficking"]["name"], items["anti_trafficking"]["name_language"]) == (
        "Atención a víctimas de trata",
        "es",
    )
    assert {item["description_language"] for item in items.values()} == {"es"}


@pytest.mark.parametrize(
    ("params", "field"), [({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"lang": "???"}, "lang")]
)
async def test_bad_parameters_get_422_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get(URL, params=params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
