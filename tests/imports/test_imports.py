"""POST /api/v1/imports: dry run, atomic apply, matching by external id, and the full error report."""

import httpx
import pytest

from app.core.errors import ConflictError
from app.imports import repository as import_repository
from app.imports import service as imports
from app.institutions.models import Institution
from tests import factories
from tests.curation.conftest import Account
from tests.curation.resources import Store
from tests.imports.conftest import csv_text, institution_row, outcomes, upload


async def test_dry_run_reports_every_row_and_writes_nothing(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    sheet = csv_text([institution_row("GT-1"), institution_row("GT-2")])

    response = await upload(client, editor_gt, sheet, dry_run=True)

    assert response.status_code == 200, response.text
    report = response.json()
    assert report["dry_run"] is True
    assert report["applied"] is False
    assert report["encoding"] == "utf-8"
    assert outcomes(report) == ["created", "created"]
    assert [row["row"] for row in report["rows"]] == [2, 3]
    assert report["summary"] == {"created": 2, "updated": 0, "unchanged": 0, "error": 0}
    assert await store.count(Institution) == 0
    assert await store.events() == []


async def test_apply_creates_then_reimport_changes_nothing_and_correction_updates_in_place(
    client: httpx.AsyncClient, editor_gt: Account, admin: Account, store: Store
) -> None:
    rows = [institution_row("GT-1"), institution_row("GT-2")]
    created = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert created.status_code == 200, created.text
    assert created.json()["applied"] is True
    assert outcomes(created.json()) == ["created", "created"]
    ids = [row["id"] for row in created.json()["rows"]]
    first = await store.get(Institution, ids[0])
    assert first.external_id == "GT-1"
    assert first.name == "Institución GT-1"
    assert first.service_types == ["legal_assistance"]
    assert first.phones[0]["number"].startswith("+50299")

    again = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert again.status_code == 200, again.text
    assert outcomes(again.json()) == ["unchanged", "unchanged"]
    assert (await store.get(Institution, ids[0])).version == first.version

    rows[1] = institution_row(
        "GT-2", name="Institución corregida", service_types="legal_assistance; psychosocial_support"
    )
    corrected = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert corrected.status_code == 200, corrected.text
    report = corrected.json()
    assert outcomes(report) == ["unchanged", "updated"]
    assert set(report["rows"][1]["changed_fields"]) == {"name", "service_types"}
    assert report["rows"][1]["id"] == ids[1]
    updated = await store.get(Institution, ids[1])
    assert updated.name == "Institución corregida"
    assert updated.service_types == ["legal_assistance", "psychosocial_support"]
    assert await store.count(Institution) == 2

    events = await store.events(entity_type="institution")
    assert sorted((e.action, e.entity_id) for e in events) == sorted(
        [("create", ids[0]), ("create", ids[1]), ("update", ids[1])]
    )
    assert {e.actor_email for e in events} == {editor_gt.user.email}  # type: ignore[union-attr]
    listed = await client.get("/api/v1/audit-events", params={"entity_id": ids[1]}, headers=admin.headers)
    assert [e["action"] for e in listed.json()["items"]] == ["update", "create"]


async def test_applied_rows_show_up_in_sync_since(client: httpx.AsyncClient, editor_gt: Account) -> None:
    first = await client.get("/api/v1/sync", params={"limit": 1000})
    cursor = first.json()["next"]
    assert first.json()["has_more"] is False

    applied = await upload(client, editor_gt, csv_text([institution_row("GT-9")]), dry_run=False)
    assert applied.status_code == 200, applied.text

    changes = (await client.get("/api/v1/sync", params={"since": cursor})).json()["changes"]
    assert [(c["type"], c["op"], c["record"]["external_id"]) for c in changes] == [("institution", "upsert", "GT-9")]


async def test_a_sheet_with_every_kind_of_error_gets_the_full_report_and_writes_nothing(
    client: httpx.AsyncClient, editor_gt: Account, session, store: Store
) -> None:
    existing = factories.institution(country_code="GT", name="Casa del Migrante", external_id="OLD-1")
    await factories.add(session, existing)
    rows = [
        institution_row("GT-1"),  # fine on its own
        institution_row("GT-2", kind="spaceship"),  # bad code
        institution_row("GT-3", phones="12345"),  # bad phone
        institution_row("GT-4", name=""),  # missing required text
        institution_row("HN-1", country="HN"),  # country not allowed for this editor
        institution_row("GT-1"),  # duplicate row in the file
        institution_row("GT-5", name='=HYPERLINK("http://example.org")'),  # a formula
        institution_row("GT-6", name="CASA DEL MIGRANTE"),  # likely duplicate of the existing record
        institution_row("GT-7", service_types="no_such_service"),  # unknown reference
        institution_row("", name="Sin referencia"),  # no external id
    ]

    for dry_run in (True, False):
        response = await upload(client, editor_gt, csv_text(rows), dry_run=dry_run)
        body = response.json()
        report = body if dry_run else body["report"]
        if dry_run:
            assert response.status_code == 200, response.text
        else:
            assert response.status_code == 422, response.text
            assert body["error"]["code"] == "import_rejected"
            assert report["applied"] is False
        assert outcomes(report) == ["created"] + ["error"] * 9
        errors = {row["row"]: row["errors"] for row in report["rows"]}
        assert errors[3][0]["column"] == "kind"
        assert errors[4][0]["column"] == "phones"
        assert errors[5][0]["column"] == "name"
        assert errors[6][0]["column"] == "country_code"
        assert "may not change records of country 'HN'" in errors[6][0]["message"]
        assert errors[7][0] == {
            "column": "external_id",
            "message": "duplicate row in the file: the same external_id as row 2",
        }
        assert errors[8][0]["column"] == "name"
        assert "formula" in errors[8][0]["message"]
        assert errors[9][0]["column"] == "name"
        assert existing.id in errors[9][0]["message"]
        assert "likely duplicate" in errors[9][0]["message"]
        assert errors[10][0]["column"] == "service_types"
        assert "no_such_service" in errors[10][0]["message"]
        assert errors[11][0]["column"] == "external_id"
    assert await store.count(Institution) == 1
    assert await store.events() == []


async def test_likely_duplicates_in_the_file_are_reported_and_may_be_allowed(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    rows = [
        institution_row("GT-1", name="Oficina Única", phones="+50211112222"),
        institution_row("GT-2", name="Oficina única", phones="+50233334444"),
        institution_row("GT-3", name="Otra oficina", phones="+50211112222"),
    ]
    refused = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert refused.status_code == 422
    report = refused.json()["report"]
    assert outcomes(report) == ["created", "error", "error"]
    assert "row 2" in report["rows"][1]["errors"][0]["message"]
    assert "same phone +50211112222" in report["rows"][2]["errors"][0]["message"]
    assert await store.count(Institution) == 0

    allowed = await upload(client, editor_gt, csv_text(rows), dry_run=False, allow_duplicates=True)
    assert allowed.status_code == 200, allowed.text
    assert outcomes(allowed.json()) == ["created", "created", "created"]
    assert len(allowed.json()["rows"][1]["warnings"]) == 1
    assert await store.count(Institution) == 3


async def test_an_editor_cannot_import_another_countrys_rows(
    client: httpx.AsyncClient, editor_gt: Account, viewer_gt: Account, admin: Account, store: Store
) -> None:
    sheet = csv_text([institution_row("HN-1", country="HN")])
    refused = await upload(client, editor_gt, sheet, dry_run=False)
    assert refused.status_code == 422
    assert refused.json()["report"]["rows"][0]["errors"][0]["column"] == "country_code"
    assert (await upload(client, viewer_gt, sheet)).status_code == 403
    assert (
        await client.post("/api/v1/imports", data={"type": "institutions"}, files={"file": ("a.csv", b"x")})
    ).status_code == 401
    assert await store.count(Institution) == 0

    applied = await upload(client, admin, sheet, dry_run=False)
    assert applied.status_code == 200, applied.text
    assert await store.count(Institution) == 1


async def test_a_failure_in_the_middle_of_apply_rolls_everything_back(
    client: httpx.AsyncClient, editor_gt: Account, session, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = factories.institution(country_code="GT", external_id="GT-0", name="Antes")
    await factories.add(session, existing)
    monkeypatch.setattr(imports, "BATCH", 2)
    calls = 0
    real_insert_records = import_repository.insert_records

    async def failing_insert_records(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # rows 4 and 5: the first batch is already written
            raise ConflictError("simulated failure while writing")
        await real_insert_records(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_repository, "insert_records", failing_insert_records)
    rows = [institution_row(f"GT-{n}") for n in range(1, 6)] + [institution_row("GT-0", name="Después")]

    response = await upload(client, editor_gt, csv_text(rows), dry_run=False)

    assert response.status_code == 409, response.text
    assert calls == 2
    assert await store.count(Institution) == 1
    assert (await store.get(Institution, existing.id)).name == "Antes"
    assert await store.events() == []


async def test_spanish_headers_any_case_and_accents_are_accepted(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    sheet = (
        "ID_EXTERNO;Código País;Nombre;Tipo;Descripción_ES;Tipos de servicio;Teléfonos;Columna extra\n"
        "GT-1;gt;Oficina de prueba;government;Protección;legal_assistance;+50222223333 | hotline | Línea;x\n"
    )
    response = await upload(client, editor_gt, sheet, dry_run=False)
    assert response.status_code == 200, response.text
    assert response.json()["ignored_columns"] == ["Columna extra"]
    [record] = await store.all(Institution)
    assert (record.country_code, record.kind) == ("GT", "government")
    assert record.phones == [{"number": "+50222223333", "kind": "hotline", "label": {"es": "Línea"}}]


async def test_other_resource_types_import(client: httpx.AsyncClient, admin: Account, session, store: Store) -> None:
    institution = factories.institution(country_code="MX")
    await factories.add(session, institution)
    systems = (
        "external_id,country_code,name,description_es,lead_institution_id\n"
        f"MX-S1,MX,Sistema Nacional,Coordina la protección.,{institution.id}\n"
    )
    focal = (
        "external_id,country_code,full_name,public_phone,personal_email\n"
        "MX-F1,MX,María Demo,+525500000001,maria.private@example.org\n"
    )
    services = (
        "external_id,country_code,name,description_es,service_types,phones,available_24h,institution_id\n"
        "MX-E1,MX,Línea 24 horas,Atención inmediata.,emergency_hotline,+525500000002 | hotline,sí,no-such-id\n"
    )
    assert (await upload(client, admin, systems, type="protection_systems", dry_run=False)).status_code == 200
    assert (await upload(client, admin, focal, type="focal_points", dry_run=False)).status_code == 200
    refused = await upload(client, admin, services, type="emergency_services", dry_run=False)
    assert refused.status_code == 422
    assert refused.json()["report"]["rows"][0]["errors"] == [
        {"column": "institution_id", "message": "no institution with id 'no-such-id'"}
    ]
    fixed = services.replace("no-such-id", institution.id)
    applied = await upload(client, admin, fixed, type="emergency_services", dry_run=False)
    assert applied.status_code == 200, applied.text
    events = await store.events()
    assert {e.entity_type for e in events} == {"emergency_service", "focal_point", "protection_system"}


async def test_templates_document_both_header_languages(client: httpx.AsyncClient, editor_gt: Account) -> None:
    english = await client.get("/api/v1/imports/templates/institutions.csv")
    assert english.status_code == 200
    assert english.text.lstrip("\ufeff").startswith("id,external_id,country_code,name,")
    spanish = await client.get("/api/v1/imports/templates/institutions.csv", params={"language": "es"})
    assert spanish.text.lstrip("\ufeff").startswith("id,id_externo,codigo_pais,nombre,")
    workbook = await client.get("/api/v1/imports/templates/focal_points.xlsx")
    assert workbook.status_code == 200
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    # An empty template is a valid import of nothing.
    empty = await upload(client, editor_gt, spanish.content, filename="plantilla.csv")
    assert empty.status_code == 200, empty.text
    assert empty.json()["rows"] == []
    assert (await client.get("/api/v1/imports/templates/unknown.csv")).status_code == 422


async def test_the_api_refuses_an_external_id_taken_in_the_country(
    client: httpx.AsyncClient, editor_gt: Account, session, store: Store
) -> None:
    taken = factories.institution(country_code="GT", external_id="GT-1")
    other = factories.institution(country_code="GT", external_id="GT-2")
    await factories.add(session, taken, other)
    body = {
        "name": "Otra",
        "kind": "ngo",
        "country_code": "GT",
        "external_id": "GT-1",
        "description": {"es": "Texto."},
        "service_types": ["legal_assistance"],
    }
    created = await client.post("/api/v1/institutions", json=body, headers=editor_gt.headers)
    assert created.status_code == 422, created.text
    assert created.json()["error"]["details"][0]["field"] == "external_id"

    etag = (await client.get(f"/api/v1/institutions/{other.id}")).headers["etag"]
    changed = await client.patch(
        f"/api/v1/institutions/{other.id}", json={"external_id": "GT-1"}, headers=editor_gt.with_if_match(etag)
    )
    assert changed.status_code == 422, changed.text
    assert (await store.get(Institution, other.id)).external_id == "GT-2"

    renamed = await client.patch(
        f"/api/v1/institutions/{other.id}", json={"external_id": "GT-3"}, headers=editor_gt.with_if_match(etag)
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["external_id"] == "GT-3"
