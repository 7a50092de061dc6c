"""Writing records in the import layout, as CSV or XLSX: the exports, and the empty templates of the imports."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Response

from app.spreadsheets.layouts import Column, Layout, cell_value, escape, template_notes

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, media_type: str, filename: str) -> Response:
    """A file the browser saves as `filename`."""
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def columns_for(layout: Layout, *, private: bool) -> list[Column]:
    """The layout's columns; without `private`, the personal-contact columns are left out."""
    return [column for column in layout.columns if private or not column.private]


def table(columns: Sequence[Column], records: Sequence[Any]) -> list[list[Any]]:
    return [[cell_value(column, record) for column in columns] for record in records]


def _cells(values: Iterable[Any]) -> list[Any]:
    """Every text escaped for a spreadsheet (headers too: a failed-rows file repeats the sender's); numbers kept."""
    return [escape(value) if isinstance(value, str) else value for value in values]


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (so that spreadsheets read the accents right) and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_cells(headers))
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], layout: Layout | None = None) -> bytes:
    """An XLSX workbook: the data sheet, and with `layout` a second sheet documenting every column."""
    from openpyxl import Workbook  # heavy: loaded only when an XLSX is asked for

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(_cells(headers))
    for row in rows:
        sheet.append(_cells(row))
    if layout is not None:
        notes = workbook.create_sheet("columns")
        notes.append(["header (English)", "header (Spanish)", "kind", "notes"])
        for note in template_notes(layout):
            notes.append(list(note))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
