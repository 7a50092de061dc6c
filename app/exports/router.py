import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.auth.dependencies import CurrentUser
from app.auth.models import Role, User
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, error_responses
from app.core.i18n import LocalizerDep
from app.core.snapshots import SnapshotsDep
from app.countries.dependencies import CountryFilterDep
from app.exports import repository, service
from app.exports.service import DirectoryDump
from app.spreadsheets import writer
from app.spreadsheets.dependencies import LayoutDep
from app.spreadsheets.layouts import Layout

router = APIRouter(prefix="/exports", tags=["Imports and exports"])

ACCESS = (
    "Signed-in accounts only, and only the countries the account may read (administrators: all; others: the "
    "countries on their account; `country` narrows this, a country outside it gets 403). Records that are not "
    "deleted, published or not. Focal points' personal contact columns only with `personal=true` (every row "
    "exported is of a country the account may read: the rule of GET /focal-points/{id}/private); without them, "
    "an import of the file leaves the personal contacts as they are. Text a spreadsheet would "
    "run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, which the import removes: "
    "export → import changes nothing."
)


def _readable_countries(user: User, wanted: list[str] | None) -> list[str] | None:
    """The countries to export for `user` (None: all)."""
    if wanted is not None:
        refused = [code for code in wanted if not user.may_read_country(code)]
        if refused:
            raise ForbiddenError(f"Your account may not read records of {', '.join(refused)}.")
        return wanted
    return None if user.role == Role.admin else list(user.countries)


async def _rows(
    session: SessionDep,
    user: CurrentUser,
    layout: LayoutDep,
    countries: CountryFilterDep,
    personal: Annotated[
        bool, Query(description="Focal points: add the personal contact columns (never published).")
    ] = False,
) -> tuple[Layout, list[str], list[list[object]]]:
    records = await repository.for_export(session, layout.table, _readable_countries(user, countries))
    columns = writer.columns_for(layout, private=personal)
    rows = await asyncio.to_thread(writer.table, columns, records)
    return layout, [c.name for c in columns], rows


Rows = Annotated[tuple[Layout, list[str], list[list[object]]], Depends(_rows)]


@router.get(
    "/{resource}.csv",
    summary="Export records as CSV, in the import layout",
    description=ACCESS,
    response_class=Response,
    responses={200: {"content": {writer.CSV_MEDIA_TYPE: {}}}, **error_responses(401, 403, 422)},
)
async def export_csv(rows: Rows) -> Response:
    layout, headers, data = rows
    content = await asyncio.to_thread(writer.write_csv, headers, data)
    return writer.attachment(content, writer.CSV_MEDIA_TYPE, f"{layout.resource.value}.csv")


@router.get(
    "/{resource}.xlsx",
    summary="Export records as XLSX, in the import layout",
    description=ACCESS,
    response_class=Response,
    responses={200: {"content": {writer.XLSX_MEDIA_TYPE: {}}}, **error_responses(401, 403, 422)},
)
async def export_xlsx(rows: Rows) -> Response:
    layout, headers, data = rows
    content = await asyncio.to_thread(writer.write_xlsx, headers, data, layout)
    return writer.attachment(content, writer.XLSX_MEDIA_TYPE, f"{layout.resource.value}.xlsx")


@router.get(
    "/directory.json",
    summary="The whole public directory as one JSON document",
    description=f"Public: what GET {API_PREFIX}/sync gives without `since`, every page at once, grouped by record type "
    f"(published records, public fields only). `sync_cursor` continues from this dump with GET {API_PREFIX}/sync. "
    "Built once per directory version and language, then served as a file: ETag (If-None-Match gets 304), one "
    "byte range with `Range` (206; `If-Range` honoured) to resume a download, brotli or gzip as accepted.",
    response_model=DirectoryDump,
    responses=error_responses(416, 422),
)
async def export_directory(request: Request, snapshots: SnapshotsDep, localizer: LocalizerDep) -> Response:
    key = await snapshots.key(request.url.path, localizer, service.JSON_MEDIA_TYPE)
    return await snapshots.response(request, key, service.write_directory)
