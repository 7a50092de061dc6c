import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.auth.dependencies import CurrentUser
from app.auth.models import Role, User
from app.core.config import API_PREFIX
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, error_responses
from app.core.i18n import LocalizerDep
from app.countries.dependencies import CountryFilterDep
from app.exports import repository, service
from app.exports.service import DirectoryDump
from app.imports.dependencies import LayoutDep
from app.imports.layouts import Layout

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
    columns = service.columns_for(layout, private=personal)
    rows = await asyncio.to_thread(service.table, columns, records)
    return layout, [c.name for c in columns], rows


Rows = Annotated[tuple[Layout, list[str], list[list[object]]], Depends(_rows)]


@router.get(
    "/{resource}.csv",
    summary="Export records as CSV, in the import layout",
    description=ACCESS,
    response_class=Response,
    responses={200: {"content": {service.CSV_MEDIA_TYPE: {}}}, **error_responses(401, 403, 422)},
)
async def export_csv(rows: Rows) -> Response:
    layout, headers, data = rows
    content = await asyncio.to_thread(service.write_csv, headers, data)
    return Response(
        content,
        media_type=service.CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{layout.resource.value}.csv"'},
    )


@router.get(
    "/{resource}.xlsx",
    summary="Export records as XLSX, in the import layout",
    description=ACCESS,
    response_class=Response,
    responses={200: {"content": {service.XLSX_MEDIA_TYPE: {}}}, **error_responses(401, 403, 422)},
)
async def export_xlsx(rows: Rows) -> Response:
    layout, headers, data = rows
    content = await asyncio.to_thread(service.write_xlsx, headers, data, layout)
    return Response(
        content,
        media_type=service.XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{layout.resource.value}.xlsx"'},
    )


@router.get(
    "/directory.json",
    summary="The whole public directory as one JSON document",
    description=f"Public: what GET {API_PREFIX}/sync gives without `since`, every page at once, grouped by record type "
    f"(published records, public fields only). `sync_cursor` continues from this dump with GET {API_PREFIX}/sync.",
    response_model=DirectoryDump,
    responses=error_responses(422),
)
async def export_directory(session: SessionDep, localizer: LocalizerDep) -> Response:
    dump = await service.directory(session, localizer)
    content = await asyncio.to_thread(dump.model_dump_json)
    return Response(
        content,
        media_type=service.JSON_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="directory.json"'},
    )
