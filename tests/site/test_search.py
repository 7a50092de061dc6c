"""The search page: the API's filters (country, service type, population, age, words) and paging."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.site.html import Page, query_of


def names(html: str, kind: str) -> list[str]:
    """Names of the records of one kind listed on a results page, in order."""
    marker = f'<a href="/directory/{kind}/'
    return [part.split(">", 1)[1].split("</a>", 1)[0] for part in html.split(marker)[1:]]


@pytest.mark.usefixtures("demo")
async def test_filters_by_country_and_service_type_with_children(client: httpx.AsyncClient) -> None:
    response = await client.get("/directory/search", params={"country": "HN", "service_type": "shelter"})
    assert response.status_code == 200
    # `shelter` also matches its child `emergency_shelter`, as in the API.
    assert names(response.text, "institutions") == ["Casa Refugio para Niñas y Adolescentes (demo)"]
    assert names(response.text, "emergency-services") == ["Albergue de emergencia 24 horas Casa Refugio (demo)"]
    form = Page.of(response.text)
    assert '<option value="HN" selected>' in response.text
    assert '<option value="shelter" selected>' in response.text
    assert form.unlabelled_controls() == []


@pytest.mark.usefixtures("demo")
async def test_filters_by_population_age_and_words(client: httpx.AsyncClient) -> None:
    base = {"country": "HN"}
    adolescents = await client.get("/directory/search", params={**base, "population": "adolescents"})
    assert names(adolescents.text, "institutions") == ["Casa Refugio para Niñas y Adolescentes (demo)"]
    assert "Los servicios de emergencia atienden a todas las edades" in adolescents.text

    five = names((await client.get("/directory/search", params={**base, "age": "5"})).text, "institutions")
    assert "Casa Refugio para Niñas y Adolescentes (demo)" not in five
    assert "Dirección de Niñez, Adolescencia y Familia" in five
    fifteen = names((await client.get("/directory/search", params={**base, "age": "15"})).text, "institutions")
    assert "Casa Refugio para Niñas y Adolescentes (demo)" in fifteen

    words = await client.get("/directory/search", params={"q": "reunificacion", "lang": "en"})
    assert words.status_code == 200
    assert "Centro de Atención para la Niñez y Familias Migrantes Belén" in names(words.text, "institutions")
    assert 'value="reunificacion"' in words.text


@pytest.mark.usefixtures("demo")
async def test_an_empty_form_is_no_filter(client: httpx.AsyncClient) -> None:
    empty = {"country": "", "service_type": "", "population": "", "age": "", "q": " ", "lang": "en"}
    response = await client.get("/directory/search", params=empty)
    assert response.status_code == 200
    institutions = (await client.get("/api/v1/institutions")).json()["total"]
    services = (await client.get("/api/v1/emergency-services")).json()["total"]
    assert f"Emergency services: {services} · institutions: {institutions}" in Page.of(response.text).text


@pytest.mark.usefixtures("demo")
async def test_nothing_found_says_so(client: httpx.AsyncClient) -> None:
    response = await client.get("/directory/search", params={"q": "zzzz nothing like it", "lang": "en"})
    assert response.status_code == 200
    assert "Nothing found with these filters." in response.text


async def test_results_are_paged_and_page_links_keep_the_filters(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    records = [factories.institution(country_code="GT", name=f"Paged institution {n:02d}") for n in range(45)]
    await factories.add(session, *records, factories.institution(country_code="MX", name="Elsewhere"))
    params = {"country": "GT", "service_type": "legal_assistance", "lang": "en"}

    first = await client.get("/directory/search", params=params)
    assert names(first.text, "institutions") == [f"Paged institution {n:02d}" for n in range(20)]
    assert "Page 1 of 3" in first.text
    next_link = next(link for link in Page.of(first.text).links if "page=2" in link)
    assert query_of(next_link) == {**{k: [v] for k, v in params.items()}, "page": ["2"]}

    second = await client.get(next_link)
    assert names(second.text, "institutions") == [f"Paged institution {n:02d}" for n in range(20, 40)]
    links = Page.of(second.text).links
    assert any("page=3" in link for link in links)
    assert any(query_of(link).get("page") is None and "legal_assistance" in link for link in links)  # back to page 1

    last = await client.get("/directory/search", params={**params, "page": "3"})
    assert names(last.text, "institutions") == [f"Paged institution {n:02d}" for n in range(40, 45)]
    assert not any("page=4" in link for link in Page.of(last.text).links)

    beyond = await client.get("/directory/search", params={**params, "page": "9"})
    assert beyond.status_code == 200
    assert names(beyond.text, "institutions") == []
