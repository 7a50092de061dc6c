"""What a new user does on a phone: find the 24-hour line in Honduras in two taps, filter, open a record,
switch to English, print; and the country page fits a small screen without sideways scrolling."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect


def test_the_24_hour_line_for_children_in_honduras_is_two_taps_away(page: Page) -> None:
    page.goto("/directory")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Honduras", exact=True).click()  # first tap

    expect(page).to_have_url(re.compile(r"/directory/countries/HN\?lang=es$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Honduras")
    first = page.locator("#emergency article").first
    expect(first.get_by_role("heading")).to_have_text("Línea 24 horas de protección a la niñez (demo)")
    expect(first).to_contain_text("Abierto las 24 horas, los 7 días")
    line = first.get_by_role("link", name="+50400000010")
    expect(line).to_be_visible()  # the second tap calls it
    expect(line).to_have_attribute("href", "tel:+50400000010")
    expect(first.get_by_role("link", name="+50400000011")).to_have_attribute("href", "https://wa.me/50400000011")
    # The emergency services come before anything else on the page.
    sections = page.locator("main h2").all_inner_texts()
    assert sections[0] == "Servicios de emergencia"


def test_filter_by_service_type_open_a_record_and_switch_language(page: Page) -> None:
    page.goto("/directory/countries/HN?lang=es")
    page.get_by_label("Filtrar los servicios de este país").select_option("shelter")
    page.get_by_role("button", name="Filtrar").click()

    expect(page).to_have_url(re.compile(r"/directory/search\?"))
    assert "country=HN" in page.url
    assert "service_type=shelter" in page.url
    assert "lang=es" in page.url
    # The chosen filters fold away so that the results come first; they open again on demand.
    expect(page.get_by_label("Tipo de servicio")).to_be_hidden()
    page.get_by_text("Filtros de búsqueda").click()
    expect(page.get_by_label("Tipo de servicio")).to_be_visible()
    expect(page.get_by_label("Tipo de servicio")).to_have_value("shelter")
    expect(page.get_by_label("País")).to_have_value("HN")
    results = page.locator("ul.records > li")
    expect(results).to_have_count(1)
    results.first.get_by_role("link", name="Casa Refugio para Niñas y Adolescentes (demo)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Casa Refugio para Niñas y Adolescentes (demo)")
    expect(page.locator("main")).to_contain_text("Ubicación confidencial")
    page.get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("lang=en")
    expect(page.locator("main")).to_contain_text("Confidential location: only the city is published.")
    expect(page.locator("main")).to_contain_text("Confidential-location shelter for girls and adolescents")
    expect(page.get_by_role("link", name="Back to Honduras")).to_have_attribute(
        "href", re.compile(r"/directory/countries/HN\?lang=en$")
    )
    # The search from the English page stays in English.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Search").click()
    page.get_by_label("Words (name, acronym or description)").fill("unicef")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    found = page.locator("ul.records > li > a").all_inner_texts()
    assert found
    assert all("UNICEF" in name for name in found), found


def test_the_country_page_fits_a_phone_without_sideways_scrolling(page: Page, tmp_path: Path) -> None:
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 740})
        for lang in ("es", "en"):
            page.goto(f"/directory/countries/HN?lang={lang}")
            shot = tmp_path / f"honduras-{width}-{lang}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll_width <= inner_width, (width, lang, scroll_width, inner_width)
    page.goto("/directory/search?lang=es")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page: Page) -> None:
    page.goto("/directory/countries/HN")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_printed_country_page_shows_numbers_and_hides_navigation(page: Page, tmp_path: Path) -> None:
    page.goto("/directory/countries/HN?lang=en")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.locator("form.filter")).to_be_hidden()
    expect(page.locator("footer .print-only")).to_be_visible()
    expect(page.locator("footer .print-only")).to_contain_text("/directory/countries/HN?lang=en")
    after = page.evaluate("getComputedStyle(document.querySelector('#emergency a[href^=\"tel:\"]'), '::after').content")
    assert "tel:+50400000010" in after
    pdf = tmp_path / "honduras.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_pages_work_under_their_content_security_policy(page: Page) -> None:
    # Init scripts run outside the page's policy: this one records whatever the policy blocks.
    page.add_init_script(
        "window.blocked = [];"
        "document.addEventListener('securitypolicyviolation', e => window.blocked.push(e.violatedDirective))"
    )
    for url in ["/directory?lang=es", "/directory/countries/HN?lang=es", "/directory/search?q=casa&lang=es"]:
        response = page.goto(url)
        assert response is not None
        assert "script-src" not in response.headers["content-security-policy"]
        styled = "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet?.cssRules.length > 0)"
        assert page.evaluate(styled), f"the style sheet did not apply on {url}"
        assert page.evaluate("window.blocked") == [], url
