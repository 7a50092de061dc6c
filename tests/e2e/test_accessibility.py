"""axe-core (from the npm registry, pinned in package-lock.json) run in the browser on the main pages: no
serious or critical violation."""

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

BLOCKING = ("serious", "critical")


def violations(page: Page, axe: Path) -> list[str]:
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"], "axe-core checked nothing"
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    at {node['target']}: {node['failureSummary']}" for node in v["nodes"])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def test_the_check_reports_what_it_must(page: Page, axe_script: Path) -> None:
    page.set_content('<html><head><title>t</title></head><body><main><input type="text"></main></body></html>')
    assert any("label" in problem for problem in violations(page, axe_script))


@pytest.fixture(scope="module")
def record_urls(site: str) -> list[str]:
    institution = httpx.get(f"{site}/api/v1/institutions", params={"country": "HN", "q": "refugio"}).json()
    service = httpx.get(f"{site}/api/v1/emergency-services", params={"country": "HN"}).json()
    return [
        f"/directory/institutions/{institution['items'][0]['id']}",
        f"/directory/emergency-services/{service['items'][0]['id']}",
    ]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_main_pages_have_no_serious_accessibility_violation(
    axe_page: Page, axe_script: Path, record_urls: list[str], lang: str
) -> None:
    urls = [
        "/directory",
        "/directory/countries/HN",
        "/directory/countries/CA",
        "/directory/search?country=HN&service_type=shelter",
        "/directory/search",
        *record_urls,
        "/directory/countries/XX",
        "/directory/search?age=abc",
    ]
    found: dict[str, list[str]] = {}
    for url in urls:
        axe_page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
        problems = violations(axe_page, axe_script)
        if problems:
            found[url] = problems
    report = "\n".join(f"{url}\n  " + "\n  ".join(problems) for url, problems in found.items())
    assert not found, f"axe-core found serious or critical violations:\n{report}"
