"""`q` on every public list: each word starts a word of the record (any case, any accent, any language), every
word must match, and the most relevant records come first, then the list's usual order."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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


async def test_pages_of_many_matches_keep_the_order_the_count_and_the_publication_rules(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    """Whether a page is read in the list's order (a query matching much of the table, a small page) or from all
    the matches sorted, the same records come in the same order, and the total counts only the listed ones."""
    name_matches = ["Refugio Alba", "Refugio Brisa", "Refugio Cima"]
    other_matches = ["Casa Delta", "Casa Eco", "Casa Faro", "Casa Gema"]
    records = [listing.build(name, "Albergue") for name in name_matches]
    records += [listing.build(name, "Refugio temporal") for name in other_matches]
    records += [listing.build(f"Oficina {number:02d}", "Asesoría legal") for number in range(12)]
    still_valid = listing.build("Refugio Vigente", "Albergue")
    still_valid.valid_until = date(2999, 1, 1)
    elsewhere = listing.build("Refugio Norte", "Albergue")
    elsewhere.country_code = "MX"
    deleted = listing.build("Refugio Borrado", "Albergue")
    deleted.deleted_at = utcnow()
    inactive = listing.build("Refugio Inactivo", "Albergue")
    inactive.status = "inactive"
    expired = listing.build("Casa Vencida", "Refugio")
    expired.valid_until = date(2000, 1, 1)
    for record in (*records, still_valid, deleted, inactive, expired):
        record.country_code = "GT"
    await factories.add(session, *records, still_valid, elsewhere, deleted, inactive, expired)

    in_gt = [*name_matches, "Refugio Vigente", *other_matches]
    everywhere = [*name_matches, "Refugio Norte", "Refugio Vigente", *other_matches]
    for params, expected in (({"q": "refugio"}, everywhere), ({"q": "refugio", "country": "GT"}, in_gt)):
        for limit in (1, 3, 50):
            names: list[str] = []
            for offset in range(0, len(expected) + limit, limit):
                response = await client.get(listing.url, params={**params, "limit": limit, "offset": offset})
                assert response.status_code == 200, response.text
                assert response.json()["total"] == len(expected), (params, limit, offset)
                names += [item[listing.name_field] for item in response.json()["items"]]
            assert names == expected, (params, limit)
    assert await found(client, listing, q="refugio", status="inactive") == ["Refugio Inactivo"]


async def test_a_renamed_record_ranks_by_its_new_name(
    client: httpx.AsyncClient, session: AsyncSession, listing: Listing
) -> None:
    first, second = listing.build("Casa Norte", "Jade"), listing.build("Casa Sur", "Refugio")
    await factories.add(session, first, second)
    assert await found(client, listing, q="jade") == ["Casa Norte"]

    setattr(second, listing.name_field, "Jade Sur")
    await session.commit()
    assert await found(client, listing, q="jade") == ["Jade Sur", "Casa Norte"]
    assert await found(client, listing, q="casa") == ["Casa Norte"]
