"""Reading an uploaded CSV or XLSX into rows of text, refusing hostile files with a clear answer.

CSV: UTF-8 with or without a BOM; a file that is not UTF-8 is read as Windows-1252 (a superset of Latin-1 for
text), and the report says which encoding was used. Line endings may be mixed (\\n, \\r\\n, \\r).
Every row read counts against the row limit, blank ones too, and only the first MAX_COLUMNS columns are read, so
memory stays proportional to the file's real content, whatever it declares. The text is decoded as it is read, never
the whole file at once, and each row is kept as one string of its cells: a list of strings per row would take five
times the file's size.
XLSX: openpyxl in read-only mode with cached values (data_only): formulas are never evaluated; a formula cell
gives the value the spreadsheet last saved. defusedxml is installed, so openpyxl refuses XML bombs; the archive's
uncompressed size is checked before anything is parsed (a zip bomb is refused unread).
Every cell becomes text here; the layouts turn text into values.
"""

import codecs
import csv
import io
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from app.core.errors import AppError, ErrorCode, InvalidParameterError
from app.core.text import fold

XLSX_MAGIC = b"PK\x03\x04"
# Columns after this one are not read (no layout has a tenth of it): a row of a million commas stays small.
MAX_COLUMNS = 256
# Joins the cells of a kept row: no cell may hold it (_check_cell), so splitting gives the cells back.
_SEPARATOR = "\x00"
_CHUNK = 1 << 20


class PayloadTooLargeError(AppError, status_code=413, code=ErrorCode.payload_too_large):
    """An uploaded sheet larger than the limits allow, as sent or unpacked."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_cell_chars: int


class Rows:
    """The data rows of a sheet, in order: (row number in the sheet, cells padded to the headers' length)."""

    def __init__(self) -> None:
        self._numbers = array("q")
        self._cells: list[str] = []

    def append(self, number: int, cells: list[str]) -> None:
        self._numbers.append(number)
        self._cells.append(_SEPARATOR.join(cells))

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for number, cells in zip(self._numbers, self._cells, strict=True):
            yield number, cells.split(_SEPARATOR)


@dataclass
class Sheet:
    format: str  # "csv" or "xlsx"
    encoding: str | None  # for CSV: "utf-8", "utf-8-sig" (with BOM) or "cp1252"
    headers: list[str]
    rows: Rows


def _refuse(message: str) -> InvalidParameterError:
    return InvalidParameterError("body", "file", message)


def _decodes(content: memoryview, encoding: str) -> bool:
    """Whether `content` is text in `encoding`, checked a chunk at a time (the text itself is not kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(content), _CHUNK):
            decoder.decode(content[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(content: bytes) -> tuple[str, int]:
    """The encoding of a CSV's bytes and where its text starts (after a BOM)."""
    view = memoryview(content)
    if content.startswith(b"\xef\xbb\xbf"):
        if not _decodes(view[3:], "utf-8"):
            raise _refuse("the file starts with a UTF-8 BOM but is not UTF-8 text")
        return "utf-8-sig", 3
    if _decodes(view, "utf-8"):
        return "utf-8", 0
    # Windows-1252 leaves five bytes undefined; Latin-1 reads any byte, so it is the last resort.
    return ("cp1252" if _decodes(view, "cp1252") else "latin-1"), 0


def _text(content: bytes, encoding: str, start: int) -> io.TextIOWrapper:
    """The text of `content`, decoded as it is read. Universal newlines: \\r\\n and a lone \\r end a line as \\n
    does, inside quoted cells too."""
    stream = io.BytesIO(content)
    stream.seek(start)
    return io.TextIOWrapper(stream, encoding="utf-8" if encoding == "utf-8-sig" else encoding, newline=None)


def _check_cell(text: str, row: int, column: int, limits: Limits) -> None:
    if len(text) > limits.max_cell_chars:
        raise _refuse(f"row {row}, column {column}: a cell has {len(text)} characters; at most {limits.max_cell_chars}")
    if "\x00" in text:
        raise _refuse(f"row {row}, column {column}: the NUL character is not accepted")


def _numbered(lines: Iterable[Sequence[str]], limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """The rows that are not blank, with their numbers in the sheet (blank lines keep the numbering). Every row read
    counts against the limit, blank ones too, so that a file of empty lines is refused as soon as it is too long."""
    for number, line in enumerate(lines, start=1):
        if number > limits.max_rows + 1:  # the header and max_rows rows
            raise _refuse(
                f"the file has more than {limits.max_rows} data rows (blank rows count too): split it (at most "
                f"{limits.max_rows} per import)"
            )
        cells = list(line[:MAX_COLUMNS])
        if any(cell.strip() for cell in cells):
            yield number, cells


def _parse_csv(content: bytes, limits: Limits) -> Sheet:
    if b"\x00" in content[:4096]:
        raise _refuse("this is not a CSV text file (binary content)")
    encoding, start = _encoding(content)
    first_line = _text(content, encoding, start).read(4096).split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(_text(content, encoding, start), delimiter=delimiter, strict=False)
    try:
        return _sheet("csv", encoding, _numbered(reader, limits), limits)
    except csv.Error as error:
        raise _refuse(f"the CSV cannot be read near line {reader.line_num}: {error}") from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _texts(values: Sequence[Any]) -> list[str]:
    """A sheet row as text, without the empty cells at its end (read-only rows are padded to MAX_COLUMNS)."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return [_cell_text(value) for value in values[:end]]


def _parse_xlsx(content: bytes, limits: Limits) -> Sheet:
    import openpyxl  # heavy: loaded only when an XLSX arrives

    if not content.startswith(XLSX_MAGIC):
        raise _refuse("this is not an XLSX file (an XLSX file is a ZIP archive); send .xlsx or .csv")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        raise _refuse("this is not a readable XLSX file (the archive is damaged)") from None
    if unpacked > 20 * limits.max_bytes:
        raise PayloadTooLargeError(f"the XLSX file unpacks to {unpacked} bytes: too large to read")
    if "xl/workbook.xml" not in names:
        raise _refuse("this is not an XLSX workbook (no xl/workbook.xml); an .xls or .xlsm file must be saved as .xlsx")
    if "xl/vbaProject.bin" in names:
        raise _refuse("the workbook contains macros: save it as a plain .xlsx workbook")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged or hostile files
        raise _refuse(f"this is not a readable XLSX file ({type(error).__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        # The declared dimension (A1:XFD1048576 costs two bytes to write) would pad every row to its width and add
        # empty rows up to its height: only the rows and cells the sheet holds are read.
        sheet.reset_dimensions()
        values = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _sheet("xlsx", None, _numbered((_texts(row) for row in values), limits), limits)
    except InvalidParameterError:
        raise
    except Exception as error:
        raise _refuse(f"the XLSX sheet cannot be read ({type(error).__name__})") from None
    finally:
        workbook.close()


def _sheet(format: str, encoding: str | None, numbered: Iterator[tuple[int, list[str]]], limits: Limits) -> Sheet:
    first = next(numbered, None)
    if first is None:
        raise _refuse("the file is empty: the first row must hold the column headers")
    headers = [cell.strip() for cell in first[1]]
    width = len(headers)
    rows = Rows()
    for number, row in numbered:
        for column, cell in enumerate(row):
            _check_cell(cell, number, column + 1, limits)
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        elif len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                raise _refuse(f"row {number} has more cells than there are headers")
            del row[width:]
        rows.append(number, row)
    return Sheet(format=format, encoding=encoding, headers=headers, rows=rows)


def detect_format(filename: str | None, content: bytes) -> str:
    name = fold(filename or "")
    if name.endswith(".xlsx") or (not name.endswith(".csv") and content.startswith(XLSX_MAGIC)):
        return "xlsx"
    if name.endswith(".csv") or not name:
        return "csv"
    raise _refuse(f"'{filename}' is neither .csv nor .xlsx")


def parse(filename: str | None, content: bytes, limits: Limits) -> Sheet:
    """The sheet in `content` (CSV or XLSX by the file name, or by its first bytes), or a 413/422 error."""
    if len(content) > limits.max_bytes:
        raise PayloadTooLargeError(f"The file is larger than {limits.max_bytes} bytes.")
    if not content:
        raise _refuse("the file is empty")
    if detect_format(filename, content) == "xlsx":
        return _parse_xlsx(content, limits)
    return _parse_csv(content, limits)
