"""The formula escape of exported text (after control characters are removed), and its undoing on import."""

import csv
import io

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from app.spreadsheets.layouts import FORMULA_STARTS, escape, unescape
from app.spreadsheets.writer import write_csv, write_xlsx
from tests import factories
from tests.curation.conftest import Account


# A leading CR is a control character: removed rather than escaped (the import still undoes an old "'\r").
@pytest.mark.parametrize("start", [start for start in FORMULA_STARTS if start != "\r"])
def test_text_that_a_spreadsheet_would_run_is_escaped_and_restored(start: str) -> None:
    text = f"{start}cmd|' /C calc'!A0"
    escaped = escape(text)
    assert escaped == "'" + text
    assert unescape(escaped) == text


@pytest.mark.parametrize("text", ["Casa del Migrante", "'quoted'", "1+1", ""])
def test_other_text_is_left_alone(text: str) -> None:
    assert escape(text) == text
    assert unescape(text) == text


HIDDEN_FORMULA = '\x01=HYPERLINK("http://evil.example","click")'


def _live_formulas(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_a_formula_behind_a_control_character_is_escaped(
    client: httpx.AsyncClient, session: AsyncSession, admin: Account, fmt: str
) -> None:
    # Stored directly, as an older version or another tool may have: the export must not trust the input checks.
    hostile = factories.institution(external_id="GT-F", name=HIDDEN_FORMULA, description={"es": "\x02-1+1\nok"})
    await factories.add(session, hostile)
    response = await client.get(f"/api/v1/exports/institutions.{fmt}", headers=admin.headers)
    assert response.status_code == 200
    if fmt == "xlsx":
        assert _live_formulas(response.content) == []
        rows = list(load_workbook(io.BytesIO(response.content))["data"].iter_rows(values_only=True))
        cells = {cell for row in rows for cell in row}
    else:
        cells = {cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row}
    assert "'" + HIDDEN_FORMULA[1:] in cells
    assert "'-1+1\nok" in cells
    assert not any(isinstance(cell, str) and "\x01" in cell for cell in cells)


def test_every_cell_and_header_the_writers_write_is_escaped() -> None:
    # Headers too: a failed-rows file repeats the headers the sender's sheet had.
    headers, rows = [HIDDEN_FORMULA, "name"], [["\x1f@SUM(A1)", 3], ["\x7f+1", None]]
    assert _live_formulas(write_xlsx(headers, rows)) == []
    written = list(csv.reader(io.StringIO(write_csv(headers, rows).decode("utf-8-sig"))))
    assert written == [["'" + HIDDEN_FORMULA[1:], "name"], ["'@SUM(A1)", "3"], ["'+1", ""]]
