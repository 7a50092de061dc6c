"""A record names only records of its own country (#10 item 9): on create, on update (a link or the country
itself), and on import; refused with 422 naming the field, and nothing written."""

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem
from app.records.repository import country_links
from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import (
    EMERGENCY_SERVICES,
    FOCAL_POINTS,
    INSTITUTIONS,
    PROTECTION_SYSTEMS,
    Store,
    etag,
)
from tests.curation.test_validation import error_of, fields_named
from tests.imports.conftest import upload


def test_every_link_between_country_records_is_checked() -> None:
    links = {(link.table.name, link.column, link.target.name) for link in country_links()}
    assert links == {
        ("focal_point", "protection_system_id", "protection_system"),
        ("focal_point", "institution_id", "institution"),
        ("emergency_service", "institution_id", "institution"),
        ("protection_system", "lead_institution_id", "institution"),
    }


async def hn_and_gt_records(session: AsyncSession) -> dict[str, Any]:
    records = {
        "gt_institution": factories.institution(country_code="GT"),
        "hn_institution": factories.institution(country_code="HN"),
        "gt_system": factories.protection_system(country_code="GT"),
        "hn_system": factories.protection_system(country_code="HN"),
    }
    await factories.add(session, *records.values())
    return records


async def test_a_new_record_may_not_name_records_of_another_country(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount
) -> None:
    r = await hn_and_gt_records(session)
    # Rights on both countries: the refusal is about the link, not about permissions.
    editor = await account("editor", ["GT", "HN"])
    refused = [
        (FOCAL_POINTS, {"protection_system_id": r["hn_system"].id}, "protection_system_id"),
        (FOCAL_POINTS, {"institution_id": r["hn_institution"].id}, "institution_id"),
        (EMERGENCY_SERVICES, {"institution_id": r["hn_institution"].id}, "institution_id"),
        (PROTECTION_SYSTEMS, {"lead_institution_id": r["hn_institution"].id}, "lead_institution_id"),
    ]
    observed = []
    for resource, link, _ in refused:
        response = await client.post(
            resource.url(), json={**resource.create_body("GT"), **link}, headers=editor.headers
        )
        observed.append((resource.name, response.status_code, fields_named(response)))
    assert observed == [(resource.name, 422, [field]) for resource, _, field in refused]
    assert "is of HN: a record of GT may only name records of GT" in error_of(response)["message"]
    assert await store.count(FocalPoint) == await store.count(EmergencyService) == 0
    assert await store.count(ProtectionSystem) == 2

    same_country = {"protection_system_id": r["gt_system"].id, "institution_id": r["gt_institution"].id}
    created = await client.post(
        FOCAL_POINTS.url(), json={**FOCAL_POINTS.create_body("GT"), **same_country}, headers=editor.headers
    )
    assert created.status_code == 201, created.text


async def test_a_change_may_not_link_across_countries(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account
) -> None:
    r = await hn_and_gt_records(session)
    focal = factories.focal_point(country_code="GT", protection_system_id=r["gt_system"].id)
    hotline = factories.emergency_service(country_code="GT", institution_id=r["gt_institution"].id)
    await factories.add(session, focal, hotline)

    attempts = [
        # A link to another country's record.
        (FOCAL_POINTS.url(focal.id), {"protection_system_id": r["hn_system"].id}, "protection_system_id"),
        (FOCAL_POINTS.url(focal.id), {"institution_id": r["hn_institution"].id}, "institution_id"),
        (EMERGENCY_SERVICES.url(hotline.id), {"institution_id": r["hn_institution"].id}, "institution_id"),
        (
            PROTECTION_SYSTEMS.url(r["gt_system"].id),
            {"lead_institution_id": r["hn_institution"].id},
            "lead_institution_id",
        ),
        # The record moves to HN and keeps its GT link.
        (FOCAL_POINTS.url(focal.id), {"country_code": "HN"}, "protection_system_id"),
        (EMERGENCY_SERVICES.url(hotline.id), {"country_code": "HN"}, "institution_id"),
        # The record moves to HN while GT records name it.
        (INSTITUTIONS.url(r["gt_institution"].id), {"country_code": "HN"}, "country_code"),
        (PROTECTION_SYSTEMS.url(r["gt_system"].id), {"country_code": "HN"}, "country_code"),
    ]
    observed = []
    for url, change, _ in attempts:
        response = await client.patch(url, json=change, headers=admin.with_if_match(etag(1)))
        observed.append((url, change, response.status_code, fields_named(response)))
    assert observed == [(url, change, 422, [field]) for url, change, field in attempts]
    assert "focal points of GT name this record in protection_system_id" in error_of(response)["message"]
    assert (await store.get(FocalPoint, focal.id)).version == 1
    assert (await store.get(Institution, r["gt_institution"].id)).country_code == "GT"

    # Moving together with a link of the new country is fine; so is moving once nothing names the record.
    moved = await client.patch(
        FOCAL_POINTS.url(focal.id),
        json={"country_code": "HN", "protection_system_id": r["hn_system"].id},
        headers=admin.with_if_match(etag(1)),
    )
    assert moved.status_code == 200, moved.text
    unlinked = await client.patch(
        EMERGENCY_SERVICES.url(hotline.id), json={"institution_id": None}, headers=admin.with_if_match(etag(1))
    )
    assert unlinked.status_code == 200, unlinked.text
    institution = await client.patch(
        INSTITUTIONS.url(r["gt_institution"].id), json={"country_code": "HN"}, headers=admin.with_if_match(etag(1))
    )
    assert institution.status_code == 200, institution.text


async def test_an_import_row_may_not_name_records_of_another_country(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, admin: Account
) -> None:
    r = await hn_and_gt_records(session)
    focal = (
        "external_id,country_code,full_name,protection_system_id,institution_id\n"
        f"GT-F1,GT,Persona Uno,{r['gt_system'].id},{r['gt_institution'].id}\n"
        f"GT-F2,GT,Persona Dos,{r['hn_system'].id},\n"
        f"GT-F3,GT,Persona Tres,,{r['hn_institution'].id}\n"
    )
    services = (
        "external_id,country_code,name,description_es,service_types,phones,institution_id\n"
        f"GT-E1,GT,Línea,Atención.,emergency_hotline,+50200000002 | hotline,{r['hn_institution'].id}\n"
    )
    systems = (
        "external_id,country_code,name,description_es,lead_institution_id\n"
        f"GT-S1,GT,Sistema,Texto.,{r['hn_institution'].id}\n"
    )

    reports = [
        (await upload(client, admin, sheet, type=kind, dry_run=False)).json()["report"]
        for kind, sheet in [("focal_points", focal), ("emergency_services", services), ("protection_systems", systems)]
    ]

    problems = [[[e["column"] for e in row["errors"]] for row in report["rows"]] for report in reports]
    assert problems == [
        [[], ["protection_system_id"], ["institution_id"]],
        [["institution_id"]],
        [["lead_institution_id"]],
    ]
    assert "is of HN" in reports[0]["rows"][1]["errors"][0]["message"]
    assert await store.count(FocalPoint) == await store.count(EmergencyService) == 0
