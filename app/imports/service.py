"""Importing a sheet: read every row, check it with the API's own rules, then write all rows or none.

The rows are validated by the API's write models (the same constraints as POST), then checked against the
database in a few queries for the whole file (countries, service types, referenced records, the existing records
of the file's countries). Writes go through the curation write path in batches, each change with its audit
event, in the caller's transaction: the request commits them all together, or rolls them all back.

A row describes the whole record for the columns the sheet has: an empty cell means "no value" (or the API's
default), a column the sheet does not have leaves that field as it is.
"""

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.errors import ConflictError, InvalidParameterError
from app.core.models import Published, new_id
from app.core.text import fold
from app.core.types import utcnow
from app.countries import repository as countries
from app.imports import repository
from app.imports.models import CellProblem, ImportReport, ImportSummary, Outcome, RowReport
from app.proposals import service as proposals
from app.proposals.models import ProposalAction
from app.records import repository as records
from app.records import service as curation
from app.records.record_type import table_noun
from app.service_types import repository as service_types
from app.spreadsheets.layouts import CellError, Column, Kind, Layout, match_headers, read_cell
from app.spreadsheets.parser import Sheet

BATCH = 2000
Progress = Callable[[int], None]


@dataclass
class Row:
    number: int
    cells: list[str]
    external_id: str | None = None
    record_id: str | None = None
    country: str | None = None
    data: BaseModel | None = None
    errors: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)
    record: Any = None  # the existing record it matches
    changes: dict[str, Any] = field(default_factory=dict)
    changed_fields: list[str] = field(default_factory=list)
    outcome: Outcome = Outcome.created

    def fail(self, column: str | None, message: str) -> None:
        self.errors.append(CellProblem(column=column, message=message))


# Reading rows (pure: runs in a worker thread) ----------------------------------------------------------------------


def _error_column(layout: Layout, location: Sequence[Any], present: dict[str, Column]) -> str | None:
    """The column a validation error is about (None: the whole row)."""
    name = str(location[0]) if location else ""
    if name == "description":
        return next((c.name for c in present.values() if c.field == "description"), "description_es")
    return layout.column_for(name).name if any(c.field == name for c in layout.columns) else name or None


def _read_row(layout: Layout, columns: list[Column | None], row: Row) -> None:
    data: dict[str, Any] = {}
    present = {c.name: c for c in columns if c is not None}
    for column, raw in zip(columns, row.cells, strict=True):
        if column is None or not raw.strip():
            continue
        try:
            value = read_cell(column, raw.strip())
        except CellError as error:
            row.fail(column.name, str(error))
            continue
        if column.kind is Kind.localized:
            data.setdefault(column.field, {})[column.language] = value
        else:
            data[column.field] = value
    external_id = data.get("external_id")
    row.external_id = external_id.strip() if isinstance(external_id, str) else None
    row.record_id = str(data.pop("id", "")).strip() or None
    row.country = str(data.get("country_code", "")).strip().upper() or None
    if not row.external_id and not row.record_id:
        row.fail("external_id", "required: your country's own id for the record, so that a re-import updates it")
    if row.errors:
        return
    try:
        model: Any = layout.create_model
        row.data = model.model_validate(data)
    except ValidationError as error:
        for problem in error.errors():
            location = problem.get("loc", ())
            detail = ".".join(str(part) for part in location[1:])
            message = str(problem.get("msg", "invalid value")) + (f" ({detail})" if detail else "")
            row.fail(_error_column(layout, location, present), message)
        return
    try:
        curation.check_rules(lambda name: getattr(row.data, name, None))
    except InvalidParameterError as invalid:
        for problem_detail in invalid.details:
            row.fail(problem_detail.field, problem_detail.message)


def _read_rows(layout: Layout, columns: list[Column | None], rows: list[Row], progress: Progress | None) -> None:
    for index, row in enumerate(rows, start=1):
        _read_row(layout, columns, row)
        if progress is not None and index % 200 == 0:
            progress(200)
    if progress is not None:
        progress(len(rows) % 200)


# Checking rows against the database ------------------------------------------------------------------------------


def _codes(rows: Iterable[Row], name: str) -> set[str]:
    return {code for row in rows if row.data is not None for code in getattr(row.data, name, None) or []}


async def _check_references(session: AsyncSession, user: User, layout: Layout, rows: list[Row]) -> None:
    for row in rows:
        # Said for every row, whatever else is wrong with it.
        if row.country and len(row.country) == 2 and not user.may_edit_country(row.country):
            row.fail("country_code", f"your account may not change records of country '{row.country}'")
    valid = [row for row in rows if row.data is not None and not row.errors]
    wanted_countries = {row.country for row in valid if row.country} | _codes(valid, "nationalities_served")
    unknown_countries = set(await countries.unknown_codes(session, wanted_countries))
    _, unknown_types = await service_types.expand_with_descendants(session, _codes(valid, "service_types"))
    known: dict[str, dict[str, str]] = {}  # reference field -> id -> the country of that record
    for name, table in layout.references.items():
        ids = {getattr(row.data, name) for row in valid if getattr(row.data, name, None)}
        known[name] = await records.countries_of(session, table.__table__, ids)  # type: ignore[attr-defined]
    for row in valid:
        data = row.data
        if row.country in unknown_countries:
            row.fail("country_code", f"unknown country code '{row.country}'")
        bad = sorted(set(getattr(data, "nationalities_served", None) or []) & unknown_countries)
        if bad:
            row.fail("nationalities_served", f"unknown country code(s): {', '.join(bad)}")
        bad = sorted(set(getattr(data, "service_types", None) or []) & set(unknown_types))
        if bad:
            row.fail("service_types", f"unknown service-type code(s): {', '.join(bad)}")
        for name, countries_of in known.items():
            value = getattr(data, name, None)
            if not value:
                continue
            target = str(layout.references[name].__table__.name)  # type: ignore[attr-defined]
            column = layout.column_for(name).name
            if value not in countries_of:
                row.fail(column, f"no {table_noun(layout.references[name])} with id '{value}'")
            elif problem := curation.foreign_link(target, value, countries_of[value], str(row.country)):
                row.fail(column, problem)


def _check_duplicate_ids(rows: list[Row]) -> None:
    first: dict[tuple[str | None, str], int] = {}
    first_id: dict[str, int] = {}
    for row in rows:
        if row.external_id is not None:
            key = (row.country, row.external_id)
            if key in first:
                row.fail("external_id", f"duplicate row in the file: the same external_id as row {first[key]}")
            else:
                first[key] = row.number
        if row.record_id is not None:
            if row.record_id in first_id:
                row.fail("id", f"duplicate row in the file: the same id as row {first_id[row.record_id]}")
            else:
                first_id[row.record_id] = row.number


def _phones(layout: Layout, item: Any) -> list[str]:
    numbers: list[str] = []
    for name in layout.phone_fields:
        value = getattr(item, name, None)
        if isinstance(value, str):
            numbers.append(value)
        elif isinstance(value, list):
            numbers.extend(p["number"] if isinstance(p, dict) else p.number for p in value)
    return numbers


def _desired(layout: Layout, data: BaseModel, present: set[str], record: Any) -> dict[str, Any]:
    """The attribute values the row asks for, limited to the fields whose columns the sheet has."""
    fields = {c.field for c in layout.columns if c.name in present}
    values = data.model_dump(include=fields - {"service_types", "external_id", "country_code"})
    if "description" in values:
        # Languages without a column in the sheet keep their text.
        sheet_languages = {c.language for c in layout.columns if c.field == "description" and c.name in present}
        kept = {tag: text for tag, text in (record.description or {}).items() if tag not in sheet_languages}
        values["description"] = kept | values["description"]
    return values


def _plan_row(layout: Layout, row: Row, present: set[str]) -> None:
    assert row.data is not None
    record = row.record
    fields = {c.field for c in layout.columns if c.name in present}
    if record is None:
        row.outcome = Outcome.created
        return
    for name, value in _desired(layout, row.data, present, record).items():
        if getattr(record, name) != value:
            row.changes[name] = value
            row.changed_fields.append(name)
    if "service_types" in fields and layout.link is not None:
        data: Any = row.data
        codes = list(dict.fromkeys(data.service_types))
        if sorted(codes) != record.service_types:
            row.changes["service_type_links"] = curation.service_type_links(
                codes, record.service_type_links, layout.link
            )
            row.changed_fields.append("service_types")
    row.outcome = Outcome.updated if row.changes else Outcome.unchanged


def _match(row: Row, by_id: dict[str, Any], by_external_id: dict[tuple[str | None, str], Any]) -> bool:
    """Find the record a row is about: by its id when the row has one, else by (country, external_id)."""
    owner = by_external_id.get((row.country, row.external_id)) if row.external_id else None
    if row.record_id is not None:
        row.record = by_id.get(row.record_id)
        if row.record is None or row.record.country_code != row.country:
            row.fail("id", f"no record of {row.country} with id '{row.record_id}' (leave it empty for a new record)")
            return False
        if owner is not None and owner is not row.record:
            row.fail("external_id", f"'{row.external_id}' is the external_id of another record ({owner.id})")
            return False
        if row.external_id and row.external_id != row.record.external_id:
            row.changes["external_id"] = row.external_id
            row.changed_fields.append("external_id")
    else:
        row.record = owner
    if row.record is not None and row.record.deleted_at is not None:
        row.fail("id", f"the record {row.record.id} was deleted: give the row a new external_id and no id")
        return False
    return True


def _plan(layout: Layout, rows: list[Row], existing: Sequence[Any], present: set[str], allow_duplicates: bool) -> None:
    by_external_id: dict[tuple[str | None, str], Any] = {
        (r.country_code, r.external_id): r for r in existing if r.external_id is not None
    }
    by_id = {r.id: r for r in existing}
    names: dict[tuple[str, str], str] = {}
    phones: dict[tuple[str, str], str] = {}
    for record in existing:
        if record.deleted_at is not None:
            continue
        label = f"record {record.id}" + (f" (external_id {record.external_id})" if record.external_id else "")
        names.setdefault((record.country_code, fold(getattr(record, layout.name_field))), label)
        for number in _phones(layout, record):
            phones.setdefault((record.country_code, number), label)
    for row in rows:
        if row.data is None or row.errors:
            continue
        if not _match(row, by_id, by_external_id):
            continue
        _plan_row(layout, row, present)
        _likely_duplicates(layout, row, names, phones, allow_duplicates)


def _likely_duplicates(
    layout: Layout,
    row: Row,
    names: dict[tuple[str, str], str],
    phones: dict[tuple[str, str], str],
    allow_duplicates: bool,
) -> None:
    """A new row with the name or a phone of another record (in the database or earlier in the file) is reported."""
    assert row.data is not None
    assert row.country is not None
    label = f"row {row.number}"
    problems: list[tuple[str, str]] = []
    other = names.setdefault((row.country, fold(getattr(row.data, layout.name_field))), label)
    if row.record is None and other != label:
        problems.append((layout.name_field, f"likely duplicate of {other}: same country and name"))
    for number in _phones(layout, row.data):
        other = phones.setdefault((row.country, number), label)
        if row.record is None and other != label:
            problems.append(
                (layout.column_for(layout.phone_fields[0]).name, f"likely duplicate of {other}: same phone {number}")
            )
    for column, message in problems:
        if allow_duplicates:
            row.warnings.append(CellProblem(column=column, message=message))
        else:
            row.fail(
                column, message + "; give it that record's external_id to update it, or send allow_duplicates=true"
            )


# Writing ---------------------------------------------------------------------------------------------------------


def _new_record(layout: Layout, data: Any) -> Published:
    table: Any = layout.table
    now = utcnow()
    # The generated fields given here rather than by their default factories: much faster for 10,000 rows.
    record: Published = table(**data.model_dump(exclude={"service_types"}), id=new_id(), created_at=now, updated_at=now)
    if layout.link is not None:
        links = [layout.link(code) for code in dict.fromkeys(data.service_types)]
        record.service_type_links = links
    return record


async def _apply(session: AsyncSession, user: User, layout: Layout, rows: list[Row]) -> None:
    try:
        await _write(session, user, layout, rows)
    except IntegrityError:
        # Another writer took one of the file's external ids after the checks: the caller rolls everything back.
        raise ConflictError(
            "A record with one of the file's external ids was written meanwhile: nothing was imported; send it again."
        ) from None


async def _write(session: AsyncSession, user: User, layout: Layout, rows: list[Row]) -> None:
    created = [row for row in rows if row.outcome is Outcome.created]
    updated = [row for row in rows if row.outcome is Outcome.updated]
    for start in range(0, len(created), BATCH):
        batch = created[start : start + BATCH]
        records = [_new_record(layout, row.data) for row in batch if row.data is not None]
        await curation.create_many(session, user, layout.entity, records)
        for row, record in zip(batch, records, strict=True):
            row.record = record
    for start in range(0, len(updated), BATCH):
        batch = updated[start : start + BATCH]
        await curation.update_many(session, user, layout.entity, [(row.record, row.changes) for row in batch])


def _update_payload(row: Row) -> dict[str, Any]:
    """The row's changes as the body of a PATCH (what a proposal keeps), rather than as attribute values."""
    data: Any = row.data
    return {
        name: list(dict.fromkeys(data.service_types)) if name == "service_types" else row.changes[name]
        for name in row.changed_fields
    }


async def _propose(session: AsyncSession, user: User, layout: Layout, rows: list[Row]) -> str | None:
    """The sheet's creates and changes as one batch of proposals, decided together; the batch's id (None: the
    sheet changes nothing)."""
    batch_id = new_id()
    batch = []
    for row in rows:
        if row.data is None or row.outcome not in (Outcome.created, Outcome.updated):
            continue
        created = row.outcome is Outcome.created
        batch.append(
            proposals.proposal(
                user,
                record_type=layout.entity,
                action=ProposalAction.create if created else ProposalAction.update,
                payload=to_jsonable_python(row.data.model_dump() if created else _update_payload(row)),
                country_code=str(row.country),
                record_id=None if created else row.record.id,
                base_version=None if created else row.record.version,
                batch_id=batch_id,
            )
        )
    if not batch:
        return None
    await proposals.submit(session, user, *batch)
    return batch_id


# The whole import ------------------------------------------------------------------------------------------------


def _report(
    layout: Layout,
    sheet: Sheet,
    rows: list[Row],
    ignored: list[str],
    *,
    dry_run: bool,
    applied: bool,
    batch_id: str | None = None,
) -> ImportReport:
    summary = ImportSummary()
    reports: list[RowReport] = []
    for row in rows:
        outcome = Outcome.error if row.errors else row.outcome
        setattr(summary, outcome.value, getattr(summary, outcome.value) + 1)
        reports.append(
            RowReport(
                row=row.number,
                external_id=row.external_id,
                outcome=outcome,
                id=row.record.id if row.record is not None and not row.errors else None,
                changed_fields=row.changed_fields if outcome is Outcome.updated else [],
                errors=row.errors,
                warnings=row.warnings,
            )
        )
    return ImportReport(
        type=layout.resource,
        dry_run=dry_run,
        applied=applied,
        batch_id=batch_id,
        format=sheet.format,
        encoding=sheet.encoding,
        ignored_columns=ignored,
        summary=summary,
        rows=reports,
    )


async def import_sheet(
    session: AsyncSession,
    user: User,
    layout: Layout,
    sheet: Sheet,
    *,
    dry_run: bool,
    allow_duplicates: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """The report of importing `sheet`; when not a dry run and no row has an error, the changes are made (flushed,
    not committed: the caller's transaction commits all of them or none), or, from an editor of a country with
    review required, proposed as one batch."""
    columns, problems = match_headers(layout, sheet.headers)
    if problems:
        raise InvalidParameterError("body", "file", "; ".join(problems))
    ignored = [header for header, column in zip(sheet.headers, columns, strict=True) if column is None and header]
    present = {column.name for column in columns if column is not None}
    rows = [Row(number=number, cells=cells) for number, cells in sheet.rows]
    await asyncio.to_thread(_read_rows, layout, columns, rows, progress)
    _check_duplicate_ids(rows)
    await _check_references(session, user, layout, rows)
    file_countries = {row.country for row in rows if row.country and not row.errors}
    existing = await repository.of_countries(session, layout.table, file_countries) if file_countries else []
    await asyncio.to_thread(_plan, layout, rows, existing, present, allow_duplicates)
    failed = any(row.errors for row in rows)
    batch_id = None
    applied = not (dry_run or failed)
    if applied and await proposals.review_needed(session, user, file_countries):
        batch_id = await _propose(session, user, layout, rows)
        applied = batch_id is None
    elif applied:
        await _apply(session, user, layout, rows)
    return await asyncio.to_thread(
        _report, layout, sheet, rows, ignored, dry_run=dry_run, applied=applied, batch_id=batch_id
    )


def failed_rows(sheet: Sheet, report: ImportReport) -> tuple[list[str], list[list[str]]]:
    """The rows in error, as sent plus an `errors` column: a sheet an officer can fix and send again alone."""
    problems = {
        row.row: "; ".join(f"{p.column or 'row'}: {p.message}" for p in row.errors) for row in report.rows if row.errors
    }
    # Not escaped here: the exports' writers escape every cell, for the spreadsheet where "=..." must not run.
    rows = [[*cells, problems[number]] for number, cells in sheet.rows if number in problems]
    return [*sheet.headers, "errors"], rows
