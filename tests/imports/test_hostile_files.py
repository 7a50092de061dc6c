"""Hostile or awkward files get a clear 4xx answer (or are read as plain data) and change nothing."""

import io
import re
import zipfile

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from app.institutions.models import Institution
from app.spreadsheets.parser import Limits, parse
from tests.curation.conftest import Account, AppClient
from tests.curation.resources import Store
from tests.imports.conftest import INSTITUTION_HEADERS, csv_text, institution_row, outcomes, upload


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def institution_cells(external_id: str, **cells: str) -> list[object]:
    row = institution_row(external_id, **cells)
    return [row[header] for header in INSTITUTION_HEADERS]


async def test_an_oversized_file_gets_413(app_client: AppClient, editor_gt: Account, store: Store) -> None:
    client = await app_client(max_import_bytes=2048)
    sheet = csv_text([institution_row(f"GT-{n}") for n in range(40)])
    assert len(sheet) > 2048

    response = await upload(client, editor_gt, sheet, dry_run=False)

    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "payload_too_large"
    assert await store.count(Institution) == 0


async def test_too_many_rows_gets_422(app_client: AppClient, editor_gt: Account, store: Store) -> None:
    client = await app_client(max_import_rows=3)
    sheet = csv_text([institution_row(f"GT-{n}") for n in range(4)])

    response = await upload(client, editor_gt, sheet, dry_run=False)

    assert response.status_code == 422, response.text
    assert "more than 3 data rows" in response.json()["error"]["message"]
    assert await store.count(Institution) == 0


async def test_a_huge_cell_gets_422_in_csv_and_xlsx(client: httpx.AsyncClient, editor_gt: Account) -> None:
    huge = "A" * 20_000
    for filename, content in (
        ("sheet.csv", csv_text([institution_row("GT-1", city=huge)]).encode()),
        ("sheet.xlsx", xlsx([INSTITUTION_HEADERS, institution_cells("GT-1", city=huge)])),
    ):
        response = await upload(client, editor_gt, content, filename=filename, dry_run=False)
        assert response.status_code == 422, response.text
        assert "at most 10000" in response.json()["error"]["message"]


async def test_formula_cells_are_refused_in_csv_and_never_evaluated_in_xlsx(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    csv_sheet = csv_text([institution_row("GT-1", city="=1+1")])
    refused = await upload(client, editor_gt, csv_sheet)
    assert refused.json()["rows"][0]["errors"] == [
        {
            "column": "city",
            "message": "formulas are not accepted: type the value itself (or start the cell with an apostrophe)",
        }
    ]
    # openpyxl writes a formula without a cached value: the import reads that saved (empty) value, and never
    # computes 1+1.
    workbook = xlsx([INSTITUTION_HEADERS, institution_cells("GT-1", city="=1+1")])
    read = await upload(client, editor_gt, workbook, filename="sheet.xlsx", dry_run=False)
    assert read.status_code == 200, read.text
    [record] = await store.all(Institution)
    assert record.city is None


async def test_control_characters_are_refused_per_row_naming_the_column(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    rows = [
        institution_row("GT-1", name='\x01=HYPERLINK("http://example.org")'),  # a formula once the \x01 is dropped
        institution_row("GT-2", description_es="Texto\x1b[31m"),
        institution_row("GT-3", city="Ciu\x85dad"),
        institution_row("GT-4", description_es="Dos\nlíneas\tcon tabulador"),  # allowed in a description
    ]
    response = await upload(client, editor_gt, csv_text(rows), dry_run=False)
    assert response.status_code == 422, response.text
    report = response.json()["report"]
    assert outcomes(report) == ["error", "error", "error", "created"]
    problems = [[(e["column"], "control characters" in e["message"]) for e in row["errors"]] for row in report["rows"]]
    assert problems == [[("name", True)], [("description_es", True)], [("city", True)], []]
    assert await store.count(Institution) == 0


async def test_latin1_csv_is_read_and_the_encoding_reported(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    sheet = csv_text([institution_row("GT-1", name="Niñez y Adolescencia", city="Quetzaltenango")])

    response = await upload(client, editor_gt, sheet.encode("cp1252"), dry_run=False)

    assert response.status_code == 200, response.text
    assert response.json()["encoding"] == "cp1252"
    [record] = await store.all(Institution)
    assert record.name == "Niñez y Adolescencia"


async def test_bom_and_mixed_line_endings_are_read(client: httpx.AsyncClient, editor_gt: Account, store: Store) -> None:
    lines = csv_text([institution_row("GT-1", name="Atención"), institution_row("GT-2")]).splitlines()
    content = ("\ufeff" + lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n\n").encode("utf-8")

    response = await upload(client, editor_gt, content, dry_run=False)

    assert response.status_code == 200, response.text
    report = response.json()
    assert report["encoding"] == "utf-8-sig"
    assert outcomes(report) == ["created", "created"]
    assert {r.name for r in await store.all(Institution)} == {"Atención", "Institución GT-2"}


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("sheet.xlsx", b"external_id,country_code\nGT-1,GT\n"),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip archive"),
        ("sheet.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("sheet.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("sheet.ods", b"anything"),
        ("sheet.csv", b""),
    ],
)
async def test_a_file_that_is_not_a_spreadsheet_gets_422(
    client: httpx.AsyncClient, editor_gt: Account, filename: str, content: bytes
) -> None:
    response = await upload(client, editor_gt, content, filename=filename, dry_run=False)

    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "file"


async def test_a_zip_that_is_not_a_workbook_gets_422(client: httpx.AsyncClient, editor_gt: Account) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    response = await upload(client, editor_gt, buffer.getvalue(), filename="sheet.xlsx")
    assert response.status_code == 422, response.text
    assert "xl/workbook.xml" in response.json()["error"]["message"]


async def test_a_zip_bomb_is_refused_unread(app_client: AppClient, editor_gt: Account) -> None:
    client = await app_client(max_import_bytes=100_000)
    workbook = load_workbook(io.BytesIO(xlsx([INSTITUTION_HEADERS])))
    buffer = io.BytesIO()
    workbook.save(buffer)
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/padding.bin", b"\x00" * 5_000_000)
    assert len(bomb.getvalue()) < 100_000

    response = await upload(client, editor_gt, bomb.getvalue(), filename="sheet.xlsx")

    assert response.status_code == 413, response.text


async def test_missing_key_columns_are_named(client: httpx.AsyncClient, editor_gt: Account) -> None:
    response = await upload(client, editor_gt, "name,kind\nUna,ngo\n")
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "'external_id' (id_externo) column is missing" in message
    assert "'country_code' (codigo_pais) column is missing" in message


async def test_xlsx_import_reads_numbers_and_text(client: httpx.AsyncClient, editor_gt: Account, store: Store) -> None:
    headers = [*INSTITUTION_HEADERS, "latitude", "longitude", "min_age", "emergency_response"]
    row = [*institution_cells("GT-1"), 14.5, -90.25, 12, True]
    response = await upload(client, editor_gt, xlsx([headers, row]), filename="hoja.xlsx", dry_run=False)
    assert response.status_code == 200, response.text
    assert response.json()["format"] == "xlsx"
    [record] = await store.all(Institution)
    assert (record.latitude, record.longitude, record.min_age, record.emergency_response) == (14.5, -90.25, 12, True)


async def test_a_file_of_blank_lines_is_refused_as_too_many_rows(client: httpx.AsyncClient, editor_gt: Account) -> None:
    # 10 MB of newlines: every one is a row read, blank or not (they once were kept without limit, 834 MB).
    sheet = csv_text([institution_row("GT-1")]).encode() + b"\n" * 9_990_000

    response = await upload(client, editor_gt, sheet)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert "more than 20000 data rows (blank rows count too)" in error["message"]
    assert error["details"][0]["field"] == "file"


def declaring(content: bytes, dimension: str) -> bytes:
    """The workbook with its sheet's declared dimension replaced (two bytes a reader must not trust)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data)
                assert count == 1
            rewritten.writestr(item, data)
    return target.getvalue()


async def test_an_xlsx_declaring_the_largest_dimension_is_read_as_it_is(
    client: httpx.AsyncClient, editor_gt: Account
) -> None:
    workbook = declaring(xlsx([INSTITUTION_HEADERS, institution_cells("GT-1")]), "A1:XFD1048576")

    response = await upload(client, editor_gt, workbook, filename="sheet.xlsx")

    assert response.status_code == 200, response.text
    assert outcomes(response.json()) == ["created"]
    # Rows as wide as their cells, not 16,384 columns each (20,000 such rows once took gigabytes).
    sheet = parse("sheet.xlsx", workbook, Limits(max_bytes=10**6, max_rows=10, max_cell_chars=100))
    assert sheet.headers == INSTITUTION_HEADERS
    assert [len(cells) for _, cells in sheet.rows] == [len(INSTITUTION_HEADERS)]


async def test_columns_after_the_256th_are_not_read(client: httpx.AsyncClient, editor_gt: Account) -> None:
    row = institution_row("GT-1")
    sheet = ",".join(INSTITUTION_HEADERS) + "\n" + ",".join(row[h] for h in INSTITUTION_HEADERS) + "," * 100_000
    wide = xlsx([INSTITUTION_HEADERS, [*institution_cells("GT-1"), *[""] * 300, "far away"]])

    for filename, content in (("sheet.csv", sheet.encode()), ("sheet.xlsx", wide)):
        response = await upload(client, editor_gt, content, filename=filename)
        assert response.status_code == 200, response.text
        assert outcomes(response.json()) == ["created"]


async def test_emails_and_json_escapes_are_checked_as_the_api_checks_them(
    client: httpx.AsyncClient, editor_gt: Account, store: Store
) -> None:
    # The import takes shortcuts for plain cells and addresses (app.imports.validation): the outcome must be the
    # write model's, for addresses it normalises, ones it refuses, and control characters hidden in JSON escapes.
    headers = [*INSTITUTION_HEADERS, "email"]
    rows = [
        institution_row("GT-1", email="Ana.Perez@Example.ORG"),
        institution_row("GT-2", email="Postmaster@example.org"),  # a mailbox name the check lowercases
        institution_row("GT-3", email="ana@localhost"),
        institution_row("GT-4", email="ana..perez@example.org"),
        institution_row("GT-5", email="niño@bücher.example"),
        institution_row("GT-6", phones='+50255550006 | voice | {"es": "Of\\u0001icina"}'),
        institution_row("GT-7", email="ana@example.org"),
    ]
    response = await upload(client, editor_gt, csv_text(rows, headers), dry_run=True)
    assert response.status_code == 200, response.text
    report = response.json()
    assert outcomes(report) == ["created", "created", "error", "error", "created", "error", "created"]
    problems = [[(e["column"], e["message"]) for e in row["errors"]] for row in report["rows"]]
    assert [[column for column, _ in row] for row in problems] == [[], [], ["email"], ["email"], [], ["phones"], []]
    assert "should have a period" in problems[2][0][1]
    assert "period" in problems[3][0][1]
    assert "control characters (found U+0001)" in problems[5][0][1]

    applied = await upload(client, editor_gt, csv_text([rows[0], rows[1], rows[4], rows[6]], headers), dry_run=False)
    assert applied.status_code == 200, applied.text
    stored = {record.external_id: record.email for record in await store.all(Institution)}
    assert stored == {
        "GT-1": "Ana.Perez@example.org",
        "GT-2": "postmaster@example.org",
        "GT-5": "niño@bücher.example",
        "GT-7": "ana@example.org",
    }
