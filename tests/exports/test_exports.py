"""GET /api/v1/exports: the import layout out (export → import is a no-op), access rules, the public JSON dump."""

import csv
import io
from datetime import date

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem
from tests import factories
from tests.curation.conftest import Account, MakeAccount
from tests.curation.resources import Store

EXPORTS = "/api/v1/exports"
TYPES = {
    "institutions": Institution,
    "emergency_services": EmergencyService,
    "focal_points": FocalPoint,
    "protection_systems": ProtectionSystem,
}
# Leading tabs and CRs are escaped too, but no record can start with one: the write models strip them.
HOSTILE_NAMES = ['=HYPERLINK("http://evil.example")', "+50212345678 line", "-minus", "@SUM(A1)"]


async def add_directory(session: AsyncSession) -> dict[str, list[object]]:
    """Records of every type, with the awkward values a round trip must keep."""
    system = factories.protection_system(external_id="MX-S1", country_code="MX", website="https://example.org/")
    await factories.add(session, system)  # first: the focal point refers to it
    institutions = [
        factories.institution(
            external_id=f"GT-{n}",
            name=name,
            description={"es": "Atención.", "en": "Care.", "fr": "Soins.", "pt": "Cuidado."},
            phones=[
                {"number": "+50200001111", "kind": "hotline", "label": {"es": "Línea (demo)"}},
                factories.fictitious_phone(),
            ],
            opening_hours={"periods": [{"day": "monday", "opens": "08:00", "closes": "16:00"}], "note": {"es": "Nota"}},
            valid_until=date(2030, 1, 31),
            min_age=0,
            max_age=17,
            location_confidential=n % 2 == 0,
            nationalities_served=["HN", "SV"],
            service_types=("legal_assistance", "psychosocial_support"),
        )
        for n, name in enumerate(HOSTILE_NAMES)
    ]
    inactive = factories.institution(external_id="GT-X", status="inactive", latitude=None, longitude=None)
    no_reference = factories.institution(name="Sin referencia externa")
    service = factories.emergency_service(external_id="HN-E1", coverage_national=False, coverage_areas=["Cortés"])
    focal = factories.focal_point(external_id="MX-F1", protection_system_id=system.id)
    await factories.add(session, *institutions, inactive, no_reference, service, focal)
    return {"institutions": [*institutions, inactive, no_reference], "focal_points": [focal]}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_export_then_import_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, store: Store, fmt: str
) -> None:
    await add_directory(session)
    versions = {name: {r.id: r.version for r in await store.all(model)} for name, model in TYPES.items()}

    for name in TYPES:
        exported = await client.get(f"{EXPORTS}/{name}.{fmt}", params={"personal": "true"}, headers=admin.headers)
        assert exported.status_code == 200, exported.text
        data = {"type": name, "dry_run": "false"}
        files = {"file": (f"{name}.{fmt}", exported.content)}
        response = await client.post("/api/v1/imports", headers=admin.headers, data=data, files=files)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["summary"]["unchanged"] == len(versions[name]) > 0, report["rows"]
        assert report["applied"] is True

    assert {name: {r.id: r.version for r in await store.all(model)} for name, model in TYPES.items()} == versions
    assert await store.events() == []


async def test_text_a_spreadsheet_would_run_is_escaped(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account
) -> None:
    await add_directory(session)
    exported = await client.get(f"{EXPORTS}/institutions.csv", headers=admin.headers)
    assert exported.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    names = {row["name"] for row in rows}
    for name in HOSTILE_NAMES:
        assert "'" + name in names
    phones = {row["phones"] for row in rows}
    assert all(p.startswith("'+") for p in phones if p)
    # Numbers stay numbers: a negative longitude is not text and needs no escape.
    assert {row["longitude"] for row in rows} >= {"-90.5069"}

    workbook = load_workbook(
        io.BytesIO((await client.get(f"{EXPORTS}/institutions.xlsx", headers=admin.headers)).content)
    )
    cells = [cell for row in workbook["data"].iter_rows(values_only=True) for cell in row]
    assert not any(isinstance(cell, str) and cell.startswith("=") for cell in cells)
    assert any(cell == -90.5069 for cell in cells)


async def test_exports_need_an_account_and_show_only_readable_countries(
    client: httpx.AsyncClient, session: AsyncSession, viewer_gt: Account, admin: Account
) -> None:
    await add_directory(session)
    assert (await client.get(f"{EXPORTS}/institutions.csv")).status_code == 401

    mine = await client.get(f"{EXPORTS}/emergency_services.csv", headers=viewer_gt.headers)
    assert mine.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(mine.text.lstrip("\ufeff"))))) == 0  # the only service is in HN
    gt = list(
        csv.DictReader(
            io.StringIO(
                (await client.get(f"{EXPORTS}/institutions.csv", headers=viewer_gt.headers)).text.lstrip("\ufeff")
            )
        )
    )
    assert {row["country_code"] for row in gt} == {"GT"}

    refused = await client.get(f"{EXPORTS}/institutions.csv", params={"country": "HN"}, headers=viewer_gt.headers)
    assert refused.status_code == 403
    everything = await client.get(f"{EXPORTS}/emergency_services.xlsx", params={"country": "HN"}, headers=admin.headers)
    assert everything.status_code == 200
    assert (await client.get(f"{EXPORTS}/nothing.csv", headers=admin.headers)).status_code == 422


async def test_focal_points_personal_contact_only_for_readers_of_the_country(
    client: httpx.AsyncClient, session: AsyncSession, account: MakeAccount, admin: Account, store: Store
) -> None:
    directory = await add_directory(session)
    focal = directory["focal_points"][0]
    assert isinstance(focal, FocalPoint)
    viewer_mx = await account("viewer", ["MX"])
    viewer_gt = await account("viewer", ["GT"])

    for who in (admin, viewer_mx):
        plain = (await client.get(f"{EXPORTS}/focal_points.csv", headers=who.headers)).text
        assert str(focal.full_name) in plain
        assert "personal_email" not in plain
        assert str(focal.personal_email) not in plain
        asked = await client.get(f"{EXPORTS}/focal_points.csv", params={"personal": "true"}, headers=who.headers)
        assert "personal_email" in asked.text
        assert str(focal.personal_email) in asked.text
    other = await client.get(f"{EXPORTS}/focal_points.csv", params={"personal": "true"}, headers=viewer_gt.headers)
    assert str(focal.personal_email) not in other.text
    assert str(focal.full_name) not in other.text

    # Without the personal columns, the file imports as a no-op: the personal contact stays.
    plain = await client.get(f"{EXPORTS}/focal_points.xlsx", headers=admin.headers)
    data = {"type": "focal_points", "dry_run": "false"}
    files = {"file": ("focal.xlsx", plain.content)}
    response = await client.post("/api/v1/imports", headers=admin.headers, data=data, files=files)
    assert response.status_code == 200, response.text
    assert response.json()["summary"]["unchanged"] == 1
    stored = await store.get(FocalPoint, focal.id)
    assert (stored.personal_email, stored.version) == (focal.personal_email, focal.version)


async def test_directory_json_is_the_public_snapshot(client: httpx.AsyncClient, session: AsyncSession) -> None:
    directory = await add_directory(session)
    response = await client.get(f"{EXPORTS}/directory.json")
    assert response.status_code == 200
    dump = response.json()
    assert len(dump["records"]["country"]) == 11
    published = {r.id for r in directory["institutions"] if getattr(r, "status") == "active"}  # noqa: B009
    assert {r["id"] for r in dump["records"]["institution"]} == published
    assert len(dump["records"]["focal_point"]) == 1
    assert "personal" not in response.text
    follow = await client.get("/api/v1/sync", params={"since": dump["sync_cursor"]})
    assert follow.status_code == 200
    assert follow.json()["changes"] == []


async def test_control_characters_do_not_break_the_xlsx_export(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account
) -> None:
    await factories.add(session, factories.institution(external_id="GT-C", name="Control\x01 character"))
    response = await client.get(f"{EXPORTS}/institutions.xlsx", headers=admin.headers)
    assert response.status_code == 200
    names = [row[3] for row in load_workbook(io.BytesIO(response.content))["data"].iter_rows(values_only=True)]
    assert "Control character" in names
