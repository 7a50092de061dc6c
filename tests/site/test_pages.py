"""The pages through HTTP: content, order, language, record pages, demo banner and the HTML error pages."""

import re
from datetime import date

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.site.conftest import Demo
from tests.site.html import Page, query_of

HTML = "text/html; charset=utf-8"


async def page(client: httpx.AsyncClient, url: str, status: int = 200, **headers: str) -> Page:
    response = await client.get(url, headers=headers)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"] == HTML
    return Page.of(response.text)


@pytest.mark.usefixtures("demo")
async def test_home_lists_the_eleven_countries_a_search_box_and_the_service_types(client: httpx.AsyncClient) -> None:
    home = await page(client, "/directory")
    assert home.lang == "es"
    countries = sorted({link.split("?")[0] for link in home.site_links() if "/countries/" in link})
    assert len(countries) == 11
    assert "/directory/countries/HN" in countries
    assert any(control.get("name") == "q" and control.get("type") == "search" for control in home.controls)
    service_type_links = [link for link in home.site_links() if "service_type=" in link]
    assert {query_of(link)["service_type"][0] for link in service_type_links} >= {"emergency_hotline", "shelter"}
    assert "Tipos de servicio" in home.text
    assert "Honduras" in home.text


@pytest.mark.usefixtures("demo")
async def test_country_page_puts_emergency_services_first_with_tap_to_call_and_whatsapp_links(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/directory/countries/hn")
    assert response.status_code == 200
    html = response.text
    country = Page.of(html)
    assert country.headings[0] == (1, "Honduras")
    sections = [text for level, text in country.headings if level == 2]
    assert sections == ["Servicios de emergencia", "Instituciones", "Sistemas de protección", "Puntos focales"]
    emergency = html.split('id="emergency"')[1].split('id="institutions"')[0]
    # The national 24-hour child line comes first, with its three ways to reach it.
    first_card = emergency.split("</article>")[0]
    assert "Línea 24 horas de protección a la niñez (demo)" in first_card
    assert "Abierto las 24 horas, los 7 días" in first_card
    assert 'href="tel:+50400000010"' in first_card
    assert 'href="https://wa.me/50400000011"' in first_card
    assert 'href="sms:+50400000012"' in first_card
    # A service with set hours shows them, days joined.
    assert "lunes–domingo 07:00–19:00" in emergency


@pytest.mark.usefixtures("demo")
async def test_country_page_groups_institutions_by_service_type_and_lists_systems_and_focal_points(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    html = (await client.get("/directory/countries/HN")).text
    country = Page.of(html)
    groups = [text for level, text in country.headings if level == 3]
    assert "Respuesta rápida y de emergencia" in groups
    assert "Albergue y alojamiento temporal" in groups
    institutions = html.split('id="institutions"')[1].split('id="systems"')[0]
    shelter_group = institutions.split("<h3>Albergue y alojamiento temporal</h3>")[1].split("<h3>")[0]
    assert "Casa Refugio para Niñas y Adolescentes (demo)" in shelter_group
    assert "Dirección de Niñez" not in shelter_group
    systems = html.split('id="systems"')[1].split('id="focal-points"')[0]
    assert "SIGADENAH" in systems
    assert "Sistema nacional que articula" in systems
    focal = html.split('id="focal-points"')[1]
    ana = next(point for point in demo.focal_points if point.full_name == "Ana Demo Martínez")
    assert "Ana Demo Martínez" in focal
    assert f'href="mailto:{ana.public_email}"' in focal
    assert f'href="tel:{ana.public_phone}"' in focal


async def test_an_institution_with_several_types_shows_once_with_its_types_as_tags(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    several = factories.institution(
        name="Casa de tres servicios", service_types=("legal_assistance", "family_tracing", "shelter")
    )
    await factories.add(session, several)
    html = (await client.get("/directory/countries/GT")).text
    institutions = html.split('id="institutions"')[1].split('id="systems"')[0]
    assert institutions.count("Casa de tres servicios") == 1
    # Under the group of its first type in the taxonomy's order (not the first code alphabetically).
    groups = [text for level, text in Page.of(institutions).headings if level == 3]
    assert groups == ["Albergue y alojamiento temporal"]
    item = institutions.split("Casa de tres servicios")[1].split('class="verified"')[0]
    tag_list = re.search(r'<ul class="tags" aria-label="Tipos de servicio">(.*?)</ul>', item, re.DOTALL)
    assert tag_list is not None, item
    tags = re.findall(r"<li>([^<]*)</li>", tag_list.group(1))
    assert tags == [
        "Albergue y alojamiento temporal",
        "Asistencia jurídica",
        "Búsqueda de familiares y niñez desaparecida",
    ]


@pytest.mark.usefixtures("demo")
async def test_dinaf_appears_once_on_the_honduras_page(client: httpx.AsyncClient, demo: Demo) -> None:
    dinaf = next(record for record in demo.institutions if record.acronym == "DINAF")
    html = (await client.get("/directory/countries/HN")).text
    institutions = html.split('id="institutions"')[1].split('id="systems"')[0]
    assert institutions.count(f'href="/directory/institutions/{dinaf.id}?lang=es"') == 1
    item = institutions.split(f"{dinaf.id}?lang=es")[1].split('class="verified"')[0]
    tag_list = re.search(r'<ul class="tags"[^>]*>(.*?)</ul>', item, re.DOTALL)
    assert tag_list is not None, item
    assert tag_list.group(1).count("<li>") == len(dinaf.service_types) > 1


async def test_phone_numbers_read_in_national_format_and_call_in_e164(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    phones = [
        {"number": "+50222345678", "kind": "voice", "label": {"es": "Oficina"}},
        {"number": "+50251234567", "kind": "whatsapp", "label": {"es": "WhatsApp"}},
        # Not a number of Guatemala's plan (the tests' fictitious ones): shown as stored rather than regrouped.
        {"number": "+50200000001", "kind": "voice", "label": {"es": "Demo"}},
    ]
    record = factories.institution(name="Oficina con teléfonos", phones=phones)
    await factories.add(session, record)
    for url in ("/directory/countries/GT", f"/directory/institutions/{record.id}"):
        html = (await client.get(url)).text
        assert '<a href="tel:+50222345678">2234 5678</a>' in html, url
        assert '<a href="https://wa.me/50251234567">5123 4567</a>' in html, url
        assert '<a href="tel:+50200000001">+50200000001</a>' in html, url


@pytest.mark.usefixtures("demo")
async def test_every_record_shows_when_it_was_last_verified(client: httpx.AsyncClient) -> None:
    html = (await client.get("/directory/countries/HN")).text
    cards = re.findall(r'<(?:article class="card[^"]*"|li><a href="/directory/institutions/)', html)
    assert len(cards) == html.count('class="verified"')
    assert '<time datetime="2026-10-20">20 de octubre de 2026</time>' in html
    # Records confirmed long ago say so; records never confirmed say that too.
    assert "hace más de un año" in html
    assert "Sin verificación registrada" in html
    english = (await client.get("/directory/countries/HN?lang=en")).text
    assert '<time datetime="2026-10-20">20 October 2026</time>' in english


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("query", "headers", "lang", "words"),
    [
        ("", {}, "es", "Servicios de emergencia"),
        ("?lang=en", {}, "en", "Emergency services"),
        ("?lang=EN-gb", {}, "en", "Emergency services"),
        ("", {"Accept-Language": "en-US,en;q=0.9"}, "en", "Emergency services"),
        ("?lang=es", {"Accept-Language": "en"}, "es", "Servicios de emergencia"),
        # French falls back as the API does: the page's own words in Spanish, record texts in French when present.
        ("?lang=fr", {}, "es", "Servicios de emergencia"),
    ],
)
async def test_the_language_comes_from_the_url_then_accept_language_with_the_api_fallback(
    client: httpx.AsyncClient, query: str, headers: dict[str, str], lang: str, words: str
) -> None:
    response = await client.get(f"/directory/countries/HN{query}", headers=headers)
    assert response.status_code == 200
    country = Page.of(response.text)
    assert country.lang == lang
    assert response.headers["content-language"] == lang
    assert words in country.text


@pytest.mark.usefixtures("demo")
async def test_record_texts_follow_the_fallback_chain_and_say_their_language(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    unhcr = demo.institution("UNHCR Canada")
    french = (await client.get(f"/directory/institutions/{unhcr.id}?lang=fr")).text
    assert '<html lang="es">' in french
    assert '<p lang="fr">Agence des Nations Unies pour les réfugiés' in french
    spanish = (await client.get(f"/directory/institutions/{unhcr.id}?lang=es")).text
    assert "<p>Agencia de la ONU para los Refugiados" in spanish
    english = (await client.get("/directory/countries/HN?lang=en")).text
    assert "Honduras' lead child-protection authority" not in english  # only on the record page
    assert "Free, confidential 24-hour line" in english


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("lang", ["es", "en", "fr"])
async def test_every_link_keeps_the_language_and_the_switch_points_to_the_same_page(
    client: httpx.AsyncClient, lang: str
) -> None:
    url = f"/directory/search?country=HN&service_type=shelter&lang={lang}"
    results = await page(client, url)
    switches = {f"/directory/search?country=HN&service_type=shelter&lang={tag}" for tag in ("es", "en")}
    assert switches <= set(results.links)
    others = [link for link in results.site_links() if link not in switches]
    assert len(others) >= 5
    for link in others:
        assert query_of(link)["lang"] == [lang], link
    assert any("/institutions/" in link for link in others)
    assert any("/emergency-services/" in link for link in others)
    assert f'<input type="hidden" name="lang" value="{lang}">' in (await client.get(url)).text


@pytest.mark.usefixtures("demo")
async def test_institution_page_shows_the_public_record(client: httpx.AsyncClient, demo: Demo) -> None:
    dinaf = demo.institution("Dirección de Niñez, Adolescencia y Familia")
    record = await page(client, f"/directory/institutions/{dinaf.id}?lang=en")
    assert record.lang == "en"
    assert record.headings[0] == (1, "Dirección de Niñez, Adolescencia y Familia (DINAF)")
    assert "Honduras' lead child-protection authority" in record.text
    assert "Government" in record.text
    assert "Unaccompanied children" in record.text
    assert "0 to 17 years" in record.text
    assert "Monday–Friday 08:00–16:00" in record.text
    assert "Verified on 20 October 2026" in record.text
    assert "tel:+50400000001" in record.links
    assert "https://wa.me/50400000002" in record.links
    assert "mailto:dinaf.hn.demo@example.org" in record.links
    assert any(link.startswith("https://www.openstreetmap.org/?mlat=14.0723") for link in record.links)
    assert any("/directory/countries/HN" in link for link in record.links)


@pytest.mark.usefixtures("demo")
async def test_confidential_shelter_page_shows_the_city_and_the_phone_only(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    shelter = demo.institution("Casa Refugio para Niñas y Adolescentes (demo)")
    response = await client.get(f"/directory/institutions/{shelter.id}")
    record = Page.of(response.text)
    assert "San Pedro Sula, Cortés" in record.text
    assert "Ubicación confidencial" in record.text
    assert "tel:+50400000004" in record.links
    assert not any("openstreetmap" in link for link in record.links)
    assert shelter.address is not None
    assert shelter.address not in response.text
    assert str(shelter.latitude) not in response.text


@pytest.mark.usefixtures("demo")
async def test_emergency_service_page_links_its_institution(client: httpx.AsyncClient, demo: Demo) -> None:
    line = demo.emergency_service("Línea 24 horas de protección a la niñez (demo)")
    record = await page(client, f"/directory/emergency-services/{line.id}")
    assert record.headings[0][1] == "Línea 24 horas de protección a la niñez (demo)"
    assert "Abierto las 24 horas, los 7 días" in record.text
    assert "Cobertura Nacional" in record.text
    assert "tel:+50400000010" in record.links
    dinaf = demo.institution("Dirección de Niñez, Adolescencia y Familia")
    assert f"/directory/institutions/{dinaf.id}?lang=es" in record.links
    team = demo.emergency_service("Equipo móvil de respuesta en la frontera de Agua Caliente (demo)")
    other = await page(client, f"/directory/emergency-services/{team.id}?lang=en")
    assert "Ocotepeque, Copán" in other.text
    assert "Set hours" in other.text


@pytest.mark.usefixtures("demo")
async def test_every_page_carries_the_demo_banner_when_the_directory_holds_demo_data(
    client: httpx.AsyncClient, demo: Demo
) -> None:
    urls = [
        "/directory",
        "/directory/countries/GT",
        "/directory/search?q=unicef",
        f"/directory/institutions/{demo.institutions[0].id}",
        f"/directory/emergency-services/{demo.emergency_services[0].id}?lang=en",
    ]
    for url in urls:
        html = (await client.get(url)).text
        assert 'class="demo"' in html, url
    assert "Demo data: the contacts in this directory are fictitious" in html


async def test_no_demo_banner_without_demo_data(client: httpx.AsyncClient, session: AsyncSession) -> None:
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    for url in ("/directory", "/directory/countries/GT", f"/directory/institutions/{record.id}"):
        response = await client.get(url)
        assert response.status_code == 200
        assert 'class="demo"' not in response.text


async def test_pages_show_only_published_active_records(client: httpx.AsyncClient, session: AsyncSession) -> None:
    shown = factories.institution(country_code="GT", name="Shown institution")
    inactive = factories.institution(country_code="GT", name="Inactive institution", status="inactive")
    expired = factories.institution(country_code="GT", name="Expired institution", valid_until=date(2020, 1, 1))
    await factories.add(session, shown, inactive, expired)
    html = (await client.get("/directory/countries/GT")).text
    assert "Shown institution" in html
    assert "Inactive institution" not in html
    assert "Expired institution" not in html
    assert (await client.get(f"/directory/institutions/{expired.id}")).status_code == 404


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "url",
    [
        "/directory/countries/XX",
        "/directory/countries/HND",
        "/directory/countries/" + "x" * 300,
        "/directory/institutions/not-an-id",
        "/directory/institutions/" + "a" * 100,
        "/directory/emergency-services/00000000-0000-0000-0000-000000000000",
        "/directory/nothing/here",
    ],
)
async def test_unknown_pages_and_records_answer_an_html_404(client: httpx.AsyncClient, url: str) -> None:
    spanish = await page(client, url, 404)
    assert spanish.lang == "es"
    assert spanish.headings[0] == (1, "Página no encontrada")
    assert any(link.startswith("/directory?") for link in spanish.links)
    english = await page(client, f"{url}?lang=en", 404)
    assert english.headings[0] == (1, "Page not found")


async def test_a_trailing_slash_leads_home(client: httpx.AsyncClient) -> None:
    response = await client.get("/directory/?lang=en")
    assert response.status_code == 308
    assert response.headers["location"].endswith("/directory?lang=en")


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/directory?lang=not!a!tag", "lang"),
        ("/directory/countries/HN?lang=" + "e" * 40, "lang"),
        ("/directory/search?age=abc", "age"),
        ("/directory/search?age=-1", "age"),
        ("/directory/search?age=121", "age"),
        ("/directory/search?age=٣", "age"),
        ("/directory/search?population=aliens", "population"),
        ("/directory/search?country=XX", "country"),
        ("/directory/search?service_type=nope", "service_type"),
        ("/directory/search?page=0", "page"),
        ("/directory/search?page=abc", "page"),
        ("/directory/search?page=99999999999999999999", "page"),
        ("/directory/search?q=" + "a" * 201, "q"),
        ("/directory/search?q=a%00b", "q"),
        ("/directory/countries/HN?x=%00", "x"),
    ],
)
async def test_bad_values_answer_a_clear_html_page_not_an_error(
    client: httpx.AsyncClient, url: str, field: str
) -> None:
    error = await page(client, url, 422)
    assert error.headings[0] == (1, "Revise los datos de la búsqueda")
    assert f"{field}:" in error.text
    assert error.lang == "es"


async def test_records_with_only_the_required_fields_render(client: httpx.AsyncClient, session: AsyncSession) -> None:
    bare = factories.institution(
        country_code="PA",
        name="Bare institution",
        acronym=None,
        populations=[],
        languages=[],
        phones=[],
        city=None,
        address=None,
        latitude=None,
        longitude=None,
        last_verified_at=None,
        website="javascript:alert(1)",
    )
    timed = factories.emergency_service(
        country_code="PA",
        name="Line with <b>hours</b>",
        available_24h=False,
        free_of_charge=False,
        coverage_national=False,
        coverage_areas=["Colón"],
        opening_hours={"periods": [{"day": "sunday", "opens": "22:00", "closes": "06:00"}], "note": {}},
        languages=[],
        city=None,
        latitude=None,
        longitude=None,
    )
    await factories.add(session, bare, timed)
    for url in (
        "/directory/countries/PA",
        "/directory/search?country=PA",
        f"/directory/institutions/{bare.id}?lang=en",
        f"/directory/emergency-services/{timed.id}?lang=en",
    ):
        response = await client.get(url)
        assert response.status_code == 200, url
        assert "javascript:" not in response.text
        assert "<b>hours</b>" not in response.text
    record = Page.of((await client.get(f"/directory/emergency-services/{timed.id}?lang=en")).text)
    assert "Line with <b>hours</b>" in record.text  # shown as text, escaped
    assert "Sunday 22:00–06:00" in record.text
    assert "Set hours · Charges apply" in record.text
    assert "Colón" in record.text
    assert "No verification recorded" in record.text


async def test_the_bare_address_leads_to_the_directory(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 307
    assert response.headers["location"] == "/directory"
