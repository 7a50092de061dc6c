"""`q` on every public list: each word starts a word of the record (any case, any accent, any language), every
word must match, and the most relevant records come first, then the list's usual order."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.types import utcnow
from tests import factories


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    name_field: str
    build: Callable[[str, str], Any]  # (name, searchable text) -> a record, not yet stored

    def __str__(self) -> str:
        return self.name


LISTINGS = [
    Listing(
        "institutions",
        "/api/v1/institutions",
        "name",
        lambda name, text: factories.institution(name=name, description={"es": text}),
    ),
    Listing(
        "emergency_services",
        "/api/v1/emergency-services",
        "name",
        lambda name, text: factories.emergency_service(name=name, description={"es": text}),
    ),
    Listing(
        "protection_systems",
        "/api/v1/protection-systems",
        "name",
        lambda name, text: factories.protection_system(name=name, description={"es": text}),
    ),
    Listing(
        "focal_points",
        "/api/v1/focal-points",
        "full_name",
        lambda name, text: factories.focal_point(full_name=name, position=text, topics=[]),
    ),
]

pytestmark = pytest.mark.parametrize("listing", LISTINGS, ids=str)


async def found(client: httpx.AsyncClient, listing: Listing, **params: Any) -> list[str]:
    response = await client.get(listing.url, params=params)
    assert response.status_code == 200, response.text
    return [item[listing.name_field] for item in response.json()["items"]]


async def test_each_word_starts_a_word_in_any_case_and_accent(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    await factories.add(
        session,
        listing.build("Casa Esperanza", "Albergues para niños y adolescentes"),
        listing.build("Hogar Luz", "Atención psicológica"),
    )

    assert await found(client, listing, q="esperanza") == ["Casa Esperanza"]
    assert await found(client, listing, q="ESPERANZA") == ["Casa Esperanza"]
    assert await found(client, listing, q="NIÑOS") == ["Casa Esperanza"]
    assert await found(client, listing, q="ninos") == ["Casa Esperanza"]
    # A half-typed word finds the words it starts, wherever it is in the query.
    assert await found(client, listing, q="psicolog") == ["Hogar Luz"]
    assert await found(client, listing, q="albergue nin") == ["Casa Esperanza"]
    assert await found(client, listing, q="at hog") == ["Hogar Luz"]
    # Every word must match; a piece from the middle of a word is not a word.
    assert await found(client, listing, q="hogar esperanza") == []
    assert await found(client, listing, q="ranza") == []
    # A query without any letter or digit filters nothing.
    assert await found(client, listing, q="¿?") == ["Casa Esperanza", "Hogar Luz"]


async def test_punctuation_separates_words_on_both_databases(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    await factories.add(session, listing.build("Oficina Central", "Más en www.dif.gob.mx, a 1.5 km; niño-adolescente"))

    for query in ("dif", "gob mx", "www.dif", "1.5 km", "adolescente", "nino adolescente", "niño-adol"):
        assert await found(client, listing, q=query) == ["Oficina Central"], query


async def test_most_relevant_first_then_the_usual_order(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    await factories.add(
        session,
        listing.build("Alfa", "Orientación legal, acompañamiento psicosocial y talleres para familias con esperanza"),
        listing.build("Beta", "Orientación legal"),
        listing.build("Zeta Esperanza", "Esperanza"),
        listing.build("Casa Uno", "Refugio temporal"),
        listing.build("Casa Dos", "Refugio temporal"),
    )

    assert await found(client, listing) == ["Alfa", "Beta", "Casa Dos", "Casa Uno", "Zeta Esperanza"]
    assert await found(client, listing, q="esperanza") == ["Zeta Esperanza", "Alfa"]
    # Equally relevant: the usual order (name, then id).
    assert await found(client, listing, q="refugio") == ["Casa Dos", "Casa Uno"]

    second = (await client.get(listing.url, params={"q": "esperanza", "limit": 1, "offset": 1})).json()
    assert ([item[listing.name_field] for item in second["items"]], second["total"]) == (["Alfa"], 2)
    beyond = (await client.get(listing.url, params={"q": "esperanza", "offset": 5})).json()
    assert (beyond["items"], beyond["total"]) == ([], 2)


async def test_search_keeps_the_publication_rules(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    shown = listing.build("Casa Visible", "Refugio")
    deleted = listing.build("Casa Borrada", "Refugio")
    deleted.deleted_at = utcnow()
    inactive = listing.build("Casa Inactiva", "Refugio")
    inactive.status = "inactive"
    await factories.add(session, shown, deleted, inactive)

    listed = (await client.get(listing.url, params={"q": "casa refugio"})).json()
    assert ([item[listing.name_field] for item in listed["items"]], listed["total"]) == (["Casa Visible"], 1)
    assert await found(client, listing, q="casa", status="inactive") == ["Casa Inactiva"]
