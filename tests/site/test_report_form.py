"""The record pages' "report wrong data" form: a plain HTML form, same-origin POST, a thank-you page in the
reader's language, and the same checks and limits as POST /api/v1/reports."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.reports.models import Report
from tests import factories
from tests.curation.conftest import AppClient
from tests.curation.resources import Store
from tests.site.html import Page


async def test_the_record_pages_carry_a_labelled_form_posting_beside_them(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    institution = factories.institution()
    service = factories.emergency_service()
    await factories.add(session, institution, service)
    for path in (f"/directory/institutions/{institution.id}", f"/directory/emergency-services/{service.id}"):
        response = await client.get(path, params={"lang": "en"})
        assert response.status_code == 200
        page = Page.of(response.text)
        assert f'action="{path}/report?lang=en"' in response.text
        assert 'method="post"' in response.text
        reasons = [control["value"] for control in page.controls if control.get("name") == "reason"]
        assert reasons == ["number_does_not_answer", "closed", "moved", "wrong_hours", "other"]
        assert page.unlabelled_controls() == []
        assert "Is something wrong here?" in page.text


@pytest.mark.parametrize(("lang", "thanks"), [("es", "Gracias por su aviso"), ("en", "Thank you for your report")])
async def test_a_report_from_the_page_reaches_the_list_and_says_thank_you(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, lang: str, thanks: str
) -> None:
    service = factories.emergency_service(country_code="HN")
    await factories.add(session, service)
    path = f"/directory/emergency-services/{service.id}"

    response = await client.post(
        f"{path}/report",
        params={"lang": lang},
        data={"reason": "closed", "text": "Cerrado desde enero."},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    page = Page.of(response.text)
    assert (page.lang, page.headings[0]) == (lang, (1, thanks))
    assert f"{path}?lang={lang}" in page.links
    [report] = await store.all(Report)
    assert (report.record_type, report.record_id, report.reason, report.text) == (
        "emergency_service",
        service.id,
        "closed",
        "Cerrado desde enero.",
    )


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://elsewhere.example"}, {"Sec-Fetch-Site": "cross-site"}], ids=["origin", "fetch"]
)
async def test_a_form_sent_from_another_site_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, headers: dict[str, str]
) -> None:
    institution = factories.institution()
    await factories.add(session, institution)
    response = await client.post(
        f"/directory/institutions/{institution.id}/report", data={"reason": "moved"}, headers=headers
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert await store.all(Report) == []


async def test_a_bad_form_is_an_html_error_page_and_too_many_reports_a_429(
    app_client: AppClient, session: AsyncSession, store: Store
) -> None:
    institution = factories.institution()
    await factories.add(session, institution)
    client = await app_client(reports_per_client=1)
    url = f"/directory/institutions/{institution.id}/report"

    wrong = await client.post(url, data={"reason": "rude"})
    control = await client.post(url, data={"reason": "other", "text": "a\x07b"})
    first = await client.post(url, data={"reason": "other"})
    second = await client.post(url, data={"reason": "other"}, params={"lang": "en"})
    missing = await client.post("/directory/institutions/no-such-id/report", data={"reason": "other"})

    assert (wrong.status_code, control.status_code, first.status_code) == (422, 422, 200)
    assert "reason" in wrong.text
    assert second.status_code == 429
    assert second.headers["content-type"] == "text/html; charset=utf-8"
    assert int(second.headers["Retry-After"]) > 0
    assert "Too many reports" in second.text
    assert missing.status_code == 404
    assert len(await store.all(Report)) == 1
