import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Response, UploadFile, status

from app.auth.dependencies import EditorUser
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import ErrorBody, ErrorCode, ErrorResponse, error_responses
from app.imports import service
from app.imports.models import ImportReport
from app.spreadsheets import writer
from app.spreadsheets.dependencies import LayoutDep
from app.spreadsheets.layouts import LAYOUTS, Layout, ResourceType
from app.spreadsheets.parser import Limits, PayloadTooLargeError, parse

router = APIRouter(prefix="/imports", tags=["Imports and exports"])


class ImportRejected(ErrorResponse):
    """The error envelope; when rows have errors (code `import_rejected`), with the full report."""

    report: ImportReport | None = None


def _layout_table() -> str:
    lines = []
    for resource, layout in LAYOUTS.items():
        columns = ", ".join(f"`{c.name}`/`{c.spanish}`" for c in layout.columns)
        lines.append(f"- **{resource.value}**: {columns}")
    return "\n".join(lines)


LAYOUT_HELP = (
    "Column layouts (English/Spanish header; any case, accents optional; unknown columns are ignored):\n\n"
    + _layout_table()
    + "\n\nLists are separated by `;`; phones are `number | kind | label` separated by `;` (a label is Spanish "
    'text, or its languages as JSON: `{"es": "Oficina", "en": "Office"}`); booleans true/false (sí/no); dates '
    "YYYY-MM-DD; opening hours the API's JSON; one description column per language."
)


@router.post(
    "",
    summary="Import a spreadsheet (CSV or XLSX), with a dry run",
    description="Send one resource type per file, as `multipart/form-data`: `file` (.csv or .xlsx), `type`, "
    "`dry_run` (default true: nothing is written) and `allow_duplicates`. Rows are matched by "
    "(`country_code`, `external_id`): a new reference creates a record, a known one updates it in place, and a "
    "row equal to its record changes nothing. The answer gives every row's outcome (created, updated, unchanged, "
    "error) with each error's row, column and message.\n\n"
    "Editors may import rows of the countries on their account; administrators of any country. With "
    "`dry_run=false` the import is atomic: every row is written, each with its audit event (and then seen by "
    "mobile sync), or, when any row has an error, none is, and the answer is 422 with the full report. A new row "
    "with the name or a phone of another record of its country (in the database or in the file) is a likely "
    "duplicate: an error, or only a warning with `allow_duplicates=true`.\n\n"
    "From an editor, a sheet touching a country with review required is not written but proposed: 202, and "
    "`batch_id` names the batch of proposals a reviewer approves or rejects as a whole. A dry run is unchanged.\n\n"
    "Hostile content is refused or read as plain data: a file over the size limit gets 413; more rows than "
    "allowed, an over-long cell, a damaged or non-spreadsheet file, or a workbook with macros get 422. A CSV may "
    "be UTF-8 (with or without BOM) or Windows-1252/Latin-1 (the report says which). A cell starting with `=` is "
    "refused as a formula; formulas in an XLSX are never evaluated (the value the spreadsheet saved is read). "
    "A leading apostrophe that an export added before `= + - @` is removed.\n\n" + LAYOUT_HELP,
    response_model=ImportReport,
    responses={
        202: {
            "model": ImportReport,
            "description": "From an editor of a country with review required: nothing written, every change "
            "proposed as one batch (`batch_id`), approved or rejected as a whole.",
        },
        **error_responses(401, 403, 409, 413, 422),
        422: {
            "model": ImportRejected,
            "description": "A row has an error (nothing written; `report` lists all), "
            "or the file or a parameter is invalid.",
        },
    },
)
async def import_file(
    user: EditorUser,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, Form(description="The .csv or .xlsx file.")],
    type: Annotated[ResourceType, Form(description="The resource type of every row.")],
    dry_run: Annotated[bool, Form(description="True (default): report only, write nothing.")] = True,
    allow_duplicates: Annotated[
        bool, Form(description="Create likely duplicates, reporting them as warnings.")
    ] = False,
) -> Response:
    limits = Limits(settings.max_import_bytes, settings.max_import_rows, settings.max_import_cell_chars)
    content = await file.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        raise PayloadTooLargeError(f"The file is larger than {limits.max_bytes} bytes.")
    # Parsing, like the checks of every row and the report's JSON, is CPU work: done in a worker thread.
    sheet = await asyncio.to_thread(parse, file.filename, content, limits)
    del content  # the sheet holds the rows: the bytes would double the import's memory
    report = await service.import_sheet(
        session, user, LAYOUTS[type], sheet, dry_run=dry_run, allow_duplicates=allow_duplicates
    )
    body = await asyncio.to_thread(report.json)
    if not dry_run and not report.applied and report.batch_id is None:
        count = report.summary.error
        error = ErrorBody(
            status=422,
            code=ErrorCode.import_rejected,
            message=f"{count} row(s) have errors: nothing was written. Fix them (see `report`) and send again.",
        )
        # ImportRejected, with the report's JSON as it is (written a chunk of rows at a time).
        rejected = b'{"error":' + error.model_dump_json().encode() + b',"report":' + body + b"}"
        return Response(rejected, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, media_type="application/json")
    proposed = report.batch_id is not None
    return Response(
        body, status_code=status.HTTP_202_ACCEPTED if proposed else status.HTTP_200_OK, media_type="application/json"
    )


HeaderLanguage = Annotated[Literal["en", "es"], Query(description="The language of the headers.")]


def _headers(layout: Layout, language: str) -> list[str]:
    return [c.name if language == "en" else c.spanish for c in layout.columns]


@router.get(
    "/templates/{resource}.csv",
    summary="The empty CSV template of a resource type",
    description="The header row of the import layout, in English (default) or Spanish; both are accepted on "
    "import.\n\n" + LAYOUT_HELP,
    response_class=Response,
    responses={200: {"content": {writer.CSV_MEDIA_TYPE: {}}}, **error_responses(422)},
)
async def csv_template(layout: LayoutDep, language: HeaderLanguage = "en") -> Response:
    content = writer.write_csv(_headers(layout, language), [])
    return writer.attachment(content, writer.CSV_MEDIA_TYPE, f"{layout.resource.value}-template.csv")


@router.get(
    "/templates/{resource}.xlsx",
    summary="The empty XLSX template of a resource type",
    description="The header row of the import layout (English or Spanish), and a second sheet, `columns`, "
    "documenting each column: its English and Spanish header, its kind and notes.\n\n" + LAYOUT_HELP,
    response_class=Response,
    responses={200: {"content": {writer.XLSX_MEDIA_TYPE: {}}}, **error_responses(422)},
)
async def xlsx_template(layout: LayoutDep, language: HeaderLanguage = "en") -> Response:
    content = writer.write_xlsx(_headers(layout, language), [], layout)
    return writer.attachment(content, writer.XLSX_MEDIA_TYPE, f"{layout.resource.value}-template.xlsx")
