"""Importing a sheet: read every row, check it with the API's own rules, then write all rows or none.

The rows are validated by the API's write models (the same constraints as POST), then checked against the database
and written a batch at a time, so that memory holds one batch of rows, not the file: a few queries per batch
(countries, service types, referenced records, the existing records the rows name), and bulk statements for the
writes. Each written record gets what the write path gives it on flush (search document, derived columns, change
sequence, version) and its audit event. Everything is written in the caller's transaction, inside a savepoint: when
a row has an error, found in any batch, the savepoint is rolled back, nothing is written, and the rest of the file
is still checked so that the report lists every error; otherwise the request commits all of it.

A row describes the whole record for the columns the sheet has: an empty cell means "no value" (or the API's
default), a column the sheet does not have leaves that field as it is.
"""

import asyncio
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from types import SimpleNamespace
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy import Column as TableColumn
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import repository as audit
from app.audit.models import AuditAction, snapshot_of
from app.auth.models import User
from app.core.changes import forget_transaction_change_seq, transaction_change_seq
from app.core.errors import ConflictError, InvalidParameterError
from app.core.models import Published, delimited_codes, new_id
from app.core.text import fold, search_document
from app.core.types import utcnow
from app.core.validation import check_age_range, check_coordinates
from app.countries import repository as countries
from app.imports import repository, validation
from app.imports.models import CellProblem, ImportResult, Outcome, RowResult
from app.proposals import service as proposals
from app.proposals.models import ProposalAction
from app.records import repository as records
from app.records import service as curation
from app.service_types import repository as service_types
from app.spreadsheets.layouts import CellError, Column, Kind, Layout, match_headers, read_cell
from app.spreadsheets.parser import Sheet

# Rows checked and written together: the file's rows are held one batch at a time.
BATCH = 500
Progress = Callable[[int], None]
STALE = "the record was changed by someone else while the file was imported: nothing was written; send it again"


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
    record: dict[str, Any] | None = None  # the stored values of the record it matches
    changes: dict[str, Any] = field(default_factory=dict)
    changed_fields: list[str] = field(default_factory=list)
    outcome: Outcome = Outcome.created
    new_id: str | None = None  # of the record it creates, once written

    def fail(self, column: str | None, message: str) -> None:
        self.errors.append(CellProblem(column=column, message=message))

    def result(self) -> RowResult:
        outcome = Outcome.error if self.errors else self.outcome
        record_id = None if self.errors else self.record["id"] if self.record is not None else self.new_id
        changed = tuple(self.changed_fields) if outcome is Outcome.updated else ()
        return (self.number, self.external_id, outcome, record_id, changed, tuple(self.errors), tuple(self.warnings))


def _key(country: str | None, text: str) -> str:
    # NUL is in no cell, so the key of one pair is never the key of another.
    return f"{country}\x00{text}"


@dataclass
class Seen:
    """What each row is checked against from the rows before it and the database, for the whole file: a few small
    entries per row, never the rows themselves."""

    external_ids: dict[str, int] = field(default_factory=dict)  # country + external_id -> the first row with it
    record_ids: dict[str, int] = field(default_factory=dict)  # id -> the first row with it
    names: dict[str, str] = field(default_factory=dict)  # country + folded name -> the record or row with it
    phones: dict[str, str] = field(default_factory=dict)  # country + phone -> the record or row with it
    stored_countries: set[str] = field(default_factory=set)  # whose records' names and phones are in the above
    countries: dict[str, bool] = field(default_factory=dict)  # country code -> it exists
    service_types: dict[str, bool] = field(default_factory=dict)  # service-type code -> it exists


# Reading rows (pure: runs in a worker thread) ----------------------------------------------------------------------


def _error_column(layout: Layout, location: Sequence[Any], present: dict[str, Column]) -> str | None:
    """The column a validation error is about (None: the whole row)."""
    name = str(location[0]) if location else ""
    if name == "description":
        return next((c.name for c in present.values() if c.field == "description"), "description_es")
    return layout.column_for(name).name if any(c.field == name for c in layout.columns) else name or None


def _read_row(layout: Layout, columns: list[Column | None], row: Row, plain: validation.PlainCells) -> None:
    data: dict[str, Any] = {}
    for column, raw in zip(columns, row.cells, strict=True):
        if column is None or not (text := raw.strip()):
            continue
        try:
            value = read_cell(column, text)
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
        if plain(row.cells):
            model = validation.for_plain_rows(model)
        row.data = model.model_validate(data)
    except ValidationError as error:
        present = {c.name: c for c in columns if c is not None}
        for problem in error.errors():
            location = problem.get("loc", ())
            detail = ".".join(str(part) for part in location[1:])
            message = str(problem.get("msg", "invalid value")) + (f" ({detail})" if detail else "")
            row.fail(_error_column(layout, location, present), message)
        return
    try:
        check_age_range(getattr(row.data, "min_age", None), getattr(row.data, "max_age", None))
        check_coordinates(getattr(row.data, "latitude", None), getattr(row.data, "longitude", None))
    except InvalidParameterError as invalid:
        for problem_detail in invalid.details:
            row.fail(problem_detail.field, problem_detail.message)


def _read_rows(layout: Layout, columns: list[Column | None], rows: list[Row]) -> None:
    plain = validation.PlainCells(columns, getattr(layout.create_model, "multiline_fields", frozenset()))
    for row in rows:
        _read_row(layout, columns, row, plain)


# Checking rows against the database ------------------------------------------------------------------------------


def _codes(rows: Iterable[Row], name: str) -> set[str]:
    return {code for row in rows if row.data is not None for code in getattr(row.data, name, None) or []}


async def _unknown_codes(seen: Seen, session: AsyncSession, countries_wanted: set[str], types_wanted: set[str]) -> None:
    """Note which of these codes exist, asking the database only about codes not seen in earlier batches."""
    new_countries = countries_wanted - seen.countries.keys()
    if new_countries:
        unknown = set(await countries.unknown_codes(session, new_countries))
        seen.countries.update((code, code not in unknown) for code in new_countries)
    new_types = types_wanted - seen.service_types.keys()
    if new_types:
        _, unknown_types = await service_types.expand_with_descendants(session, new_types)
        seen.service_types.update((code, code not in unknown_types) for code in new_types)


async def _check_references(session: AsyncSession, user: User, layout: Layout, rows: list[Row], seen: Seen) -> None:
    for row in rows:
        # Said for every row, whatever else is wrong with it.
        if row.country and len(row.country) == 2 and not user.may_edit_country(row.country):
            row.fail("country_code", f"your account may not change records of country '{row.country}'")
    valid = [row for row in rows if row.data is not None and not row.errors]
    wanted_countries = {row.country for row in valid if row.country} | _codes(valid, "nationalities_served")
    await _unknown_codes(seen, session, wanted_countries, _codes(valid, "service_types"))
    known: dict[str, dict[str, str]] = {}  # reference field -> id -> the country of that record
    for name, table in layout.references.items():
        ids = {getattr(row.data, name) for row in valid if getattr(row.data, name, None)}
        known[name] = await records.countries_of(session, repository.table_of(table), ids)
    for row in valid:
        data = row.data
        if not seen.countries[str(row.country)]:
            row.fail("country_code", f"unknown country code '{row.country}'")
        served = set(getattr(data, "nationalities_served", None) or [])
        bad = sorted(code for code in served if not seen.countries[code])
        if bad:
            row.fail("nationalities_served", f"unknown country code(s): {', '.join(bad)}")
        bad = sorted(code for code in set(getattr(data, "service_types", None) or []) if not seen.service_types[code])
        if bad:
            row.fail("service_types", f"unknown service-type code(s): {', '.join(bad)}")
        for name, countries_of in known.items():
            value = getattr(data, name, None)
            if not value:
                continue
            target = str(repository.table_of(layout.references[name]).name)
            column = layout.column_for(name).name
            if value not in countries_of:
                row.fail(column, f"no {target.replace('_', ' ')} with id '{value}'")
            elif problem := curation.foreign_link(target, value, countries_of[value], str(row.country)):
                row.fail(column, problem)


def _check_duplicate_ids(rows: list[Row], seen: Seen) -> None:
    for row in rows:
        if row.external_id is not None:
            first = seen.external_ids.setdefault(_key(row.country, row.external_id), row.number)
            if first != row.number:
                row.fail("external_id", f"duplicate row in the file: the same external_id as row {first}")
        if row.record_id is not None:
            first = seen.record_ids.setdefault(row.record_id, row.number)
            if first != row.number:
                row.fail("id", f"duplicate row in the file: the same id as row {first}")


def _phones(layout: Layout, item: Any) -> list[str]:
    numbers: list[str] = []
    for name in layout.phone_fields:
        value = getattr(item, name, None)
        if isinstance(value, str):
            numbers.append(value)
        elif isinstance(value, list):
            numbers.extend(p["number"] if isinstance(p, dict) else p.number for p in value)
    return numbers


async def _load_stored_contacts(session: AsyncSession, layout: Layout, rows: list[Row], seen: Seen) -> None:
    """The names and phones of the stored records of the batch's countries not seen yet, for the likely-duplicate
    check: read before any row of that country is written, so they are the records as they were."""
    batch_countries = {row.country for row in rows if row.country and row.data is not None and not row.errors}
    for country in sorted(batch_countries - seen.stored_countries):
        seen.stored_countries.add(country)
        fields = (layout.name_field, *layout.phone_fields)
        for record in await repository.contacts_of_country(session, layout.table, country, fields):
            label = f"record {record.id}" + (f" (external_id {record.external_id})" if record.external_id else "")
            seen.names.setdefault(_key(country, fold(getattr(record, layout.name_field))), label)
            for number in _phones(layout, record):
                seen.phones.setdefault(_key(country, number), label)


def _desired(layout: Layout, data: BaseModel, present: set[str], record: dict[str, Any]) -> dict[str, Any]:
    """The attribute values the row asks for, limited to the fields whose columns the sheet has."""
    fields = {c.field for c in layout.columns if c.name in present}
    values = data.model_dump(include=fields - {"service_types", "external_id", "country_code"})
    if "description" in values:
        # Languages without a column in the sheet keep their text.
        sheet_languages = {c.language for c in layout.columns if c.field == "description" and c.name in present}
        kept = {tag: text for tag, text in (record["description"] or {}).items() if tag not in sheet_languages}
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
        if record[name] != value:
            row.changes[name] = value
            row.changed_fields.append(name)
    if "service_types" in fields and layout.link is not None:
        data: Any = row.data
        codes = list(dict.fromkeys(data.service_types))
        if sorted(codes) != record["service_types"]:
            row.changes["service_types"] = codes
            row.changed_fields.append("service_types")
    row.outcome = Outcome.updated if row.changes else Outcome.unchanged


def _match(row: Row, by_id: dict[str, Any], by_external_id: dict[str, Any]) -> bool:
    """Find the record a row is about: by its id when the row has one, else by (country, external_id)."""
    owner = by_external_id.get(_key(row.country, row.external_id)) if row.external_id else None
    if row.record_id is not None:
        row.record = by_id.get(row.record_id)
        if row.record is None or row.record["country_code"] != row.country:
            row.fail("id", f"no record of {row.country} with id '{row.record_id}' (leave it empty for a new record)")
            return False
        if owner is not None and owner is not row.record:
            row.fail("external_id", f"'{row.external_id}' is the external_id of another record ({owner['id']})")
            return False
        if row.external_id and row.external_id != row.record["external_id"]:
            row.changes["external_id"] = row.external_id
            row.changed_fields.append("external_id")
    else:
        row.record = owner
    if row.record is not None and row.record["deleted_at"] is not None:
        row.fail("id", f"the record {row.record['id']} was deleted: give the row a new external_id and no id")
        return False
    return True


def _plan(
    layout: Layout, rows: list[Row], existing: Sequence[dict[str, Any]], present: set[str], seen: Seen, duplicates: bool
) -> None:
    by_id = {record["id"]: record for record in existing}
    by_external_id = {
        _key(record["country_code"], record["external_id"]): record
        for record in existing
        if record["external_id"] is not None
    }
    for row in rows:
        if row.data is None or row.errors:
            continue
        if not _match(row, by_id, by_external_id):
            continue
        _plan_row(layout, row, present)
        _likely_duplicates(layout, row, seen, duplicates)


def _likely_duplicates(layout: Layout, row: Row, seen: Seen, allow_duplicates: bool) -> None:
    """A new row with the name or a phone of another record (in the database or earlier in the file) is reported."""
    assert row.data is not None
    label = f"row {row.number}"
    problems: list[tuple[str, str]] = []
    other = seen.names.setdefault(_key(row.country, fold(getattr(row.data, layout.name_field))), label)
    if row.record is None and other != label:
        problems.append((layout.name_field, f"likely duplicate of {other}: same country and name"))
    for number in _phones(layout, row.data):
        other = seen.phones.setdefault(_key(row.country, number), label)
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


async def _check(
    session: AsyncSession,
    user: User,
    layout: Layout,
    columns: list[Column | None],
    rows: list[Row],
    seen: Seen,
    allow_duplicates: bool,
) -> None:
    """Every check of a batch of rows: each problem found becomes an error (or warning) of its row."""
    await asyncio.to_thread(_read_rows, layout, columns, rows)
    _check_duplicate_ids(rows, seen)
    await _check_references(session, user, layout, rows, seen)
    await _load_stored_contacts(session, layout, rows, seen)
    valid = [row for row in rows if row.data is not None and not row.errors]
    ids = {row.record_id for row in valid if row.record_id is not None}
    external_ids = {(str(row.country), row.external_id) for row in valid if row.external_id is not None}
    existing = await repository.existing(session, layout.table, ids, external_ids)
    present = {column.name for column in columns if column is not None}
    await asyncio.to_thread(_plan, layout, rows, existing, present, seen, allow_duplicates)


# Writing: what the write path does on flush (app.core.models), for a batch of rows at once ------------------------


def _default(column: TableColumn[Any]) -> Any:
    default: Any = column.default
    if default is None:
        return None
    return default.arg if default.is_scalar else default.arg(None)


def _derived(layout: Layout, values: dict[str, Any], codes: list[str] | None) -> dict[str, Any]:
    """The columns kept from the record's other data: its search document, and its service-type codes."""
    derived = {"search_text": search_document(layout.table.search_parts(cast(Published, SimpleNamespace(**values))))}
    if codes is not None and "service_type_codes" in repository.table_of(layout.table).c:
        derived["service_type_codes"] = delimited_codes(sorted(codes))
    return derived


@dataclass
class Writes:
    """The statements' rows for a batch, and its audit events."""

    new: list[dict[str, Any]] = field(default_factory=list)
    new_links: dict[str, list[str]] = field(default_factory=dict)  # record id -> its service-type codes
    changes: list[dict[str, Any]] = field(default_factory=list)
    changed_links: dict[str, list[str]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)


def _created(layout: Layout, row: Row, change_seq: int, now: datetime, writes: Writes) -> None:
    data: Any = row.data
    values = data.model_dump(exclude={"service_types"})
    values.update(id=new_id(), created_at=now, updated_at=now, change_seq=change_seq)
    codes = list(dict.fromkeys(data.service_types)) if layout.link is not None else None
    values.update(_derived(layout, values, codes))
    stored = {c.key: values[c.key] if c.key in values else _default(c) for c in repository.table_of(layout.table).c}
    row.new_id = stored["id"]
    writes.new.append(stored)
    if codes is not None:
        writes.new_links[row.new_id] = codes
    after = snapshot_of(stored, sorted(codes) if codes is not None else None)
    writes.events.append(_event(layout, AuditAction.create, row.new_id, None, after))


def _updated(layout: Layout, row: Row, change_seq: int, now: datetime, writes: Writes) -> None:
    assert row.record is not None
    record = {key: value for key, value in row.record.items() if key != "service_types"}
    before_codes: list[str] | None = row.record.get("service_types")
    columns = {key: value for key, value in row.changes.items() if key != "service_types"}
    codes: list[str] | None = row.changes.get("service_types")
    columns.update(updated_at=now, change_seq=change_seq)
    columns.update(_derived(layout, record | columns, codes))
    writes.changes.append({"record_id": record["id"], **columns})
    if codes is not None:
        writes.changed_links[record["id"]] = codes
    after_codes = sorted(codes) if codes is not None else before_codes
    after = snapshot_of(record | columns | {"version": record["version"] + 1}, after_codes)
    writes.events.append(_event(layout, AuditAction.update, record["id"], snapshot_of(record, before_codes), after))


def _event(
    layout: Layout, action: AuditAction, record_id: str, before: dict[str, Any] | None, after: dict[str, Any]
) -> dict[str, Any]:
    return {
        "entity_type": layout.entity,
        "entity_id": record_id,
        "action": action.value,
        "before": before,
        "after": after,
    }


def _writes(layout: Layout, rows: list[Row], change_seq: int) -> Writes:
    now = utcnow()
    writes = Writes()
    for row in rows:
        if row.outcome is Outcome.created:
            _created(layout, row, change_seq, now, writes)
        elif row.outcome is Outcome.updated:
            _updated(layout, row, change_seq, now, writes)
    return writes


async def _write(session: AsyncSession, user: User, layout: Layout, rows: list[Row]) -> None:
    """Write a batch whose rows are all valid, unless a record to update changed since it was read: those rows get
    an error, and nothing of the batch is written."""
    updated = {str(row.record["id"]): row for row in rows if row.outcome is Outcome.updated and row.record}
    if updated:
        versions = await repository.versions_for_update(session, layout.table, updated)
        for record_id, row in updated.items():
            if versions.get(record_id) != cast(dict[str, Any], row.record)["version"]:
                row.fail(None, STALE)
        if any(row.errors for row in updated.values()):
            return
    if not updated and all(row.outcome is Outcome.unchanged for row in rows):
        return
    change_seq = await session.run_sync(transaction_change_seq)
    writes = await asyncio.to_thread(_writes, layout, rows, change_seq)
    try:
        await repository.insert_records(session, layout.table, writes.new, writes.new_links)
        await repository.update_records(session, layout.table, writes.changes)
        await repository.replace_links(session, layout.table, writes.changed_links)
    except IntegrityError:
        # Another writer took one of the file's external ids after the checks: the caller rolls everything back.
        raise ConflictError(
            "A record with one of the file's external ids was written meanwhile: nothing was imported; send it again."
        ) from None
    await audit.record_events(session, user, writes.events)


def _update_payload(row: Row) -> dict[str, Any]:
    """The row's changes as the body of a PATCH (what a proposal keeps), rather than as attribute values."""
    data: Any = row.data
    return {
        name: list(dict.fromkeys(data.service_types)) if name == "service_types" else row.changes[name]
        for name in row.changed_fields
    }


async def _propose(session: AsyncSession, user: User, layout: Layout, rows: list[Row], batch_id: str) -> bool:
    """A batch's creates and changes as proposals of the sheet's batch, decided together; whether it had any."""
    batch = []
    for row in rows:
        if row.data is None or row.outcome not in (Outcome.created, Outcome.updated):
            continue
        created = row.outcome is Outcome.created
        stored = cast(dict[str, Any], row.record)
        batch.append(
            proposals.proposal(
                user,
                record_type=layout.entity,
                action=ProposalAction.create if created else ProposalAction.update,
                payload=to_jsonable_python(row.data.model_dump() if created else _update_payload(row)),
                country_code=str(row.country),
                record_id=None if created else str(stored["id"]),
                base_version=None if created else int(stored["version"]),
                batch_id=batch_id,
            )
        )
    if batch:
        await proposals.submit(session, user, *batch)
    return bool(batch)


def _countries_named(columns: list[Column | None], sheet: Sheet) -> set[str]:
    """The country codes the sheet's rows name (read before any row is checked: whether the sheet needs review)."""
    index = next((i for i, column in enumerate(columns) if column is not None and column.field == "country_code"), None)
    if index is None:
        return set()
    return {cells[index].strip().upper() for _, cells in sheet.rows if index < len(cells) and cells[index].strip()}


# The whole import ------------------------------------------------------------------------------------------------


def _batches(sheet: Sheet) -> Iterator[list[Row]]:
    rows = iter(sheet.rows)
    while batch := [Row(number=number, cells=cells) for number, cells in islice(rows, BATCH)]:
        yield batch


async def import_sheet(
    session: AsyncSession,
    user: User,
    layout: Layout,
    sheet: Sheet,
    *,
    dry_run: bool,
    allow_duplicates: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """The report of importing `sheet`; when not a dry run and no row has an error, the changes are made (flushed,
    not committed: the caller's transaction commits all of them or none), or, from an editor of a country with
    review required, proposed as one batch."""
    columns, problems = match_headers(layout, sheet.headers)
    if problems:
        raise InvalidParameterError("body", "file", "; ".join(problems))
    ignored = [header for header, column in zip(sheet.headers, columns, strict=True) if column is None and header]
    result = ImportResult(
        type=layout.resource, dry_run=dry_run, format=sheet.format, encoding=sheet.encoding, ignored_columns=ignored
    )
    seen = Seen()
    # From an editor of a country with review required, the sheet's changes are proposed as one batch, not written.
    review = not dry_run and await proposals.review_needed(session, user, _countries_named(columns, sheet))
    batch_id = new_id() if review else None
    proposed = False
    # Left open when every row is written: the caller's commit releases it with the rest of its transaction.
    savepoint = None if dry_run else await session.begin_nested()
    failed = False
    for rows in _batches(sheet):
        await _check(session, user, layout, columns, rows, seen, allow_duplicates)
        if savepoint is not None and not failed and not any(row.errors for row in rows):
            if batch_id is not None:
                proposed = await _propose(session, user, layout, rows, batch_id) or proposed
            else:
                await _write(session, user, layout, rows)
        if not failed and any(row.errors for row in rows):
            failed = True
            if savepoint is not None:
                await savepoint.rollback()
                # The change sequence value taken inside the savepoint is given back with it.
                await session.run_sync(forget_transaction_change_seq)
        for row in rows:
            result.add(row.result())
        if progress is not None:
            progress(len(rows))
    result.applied = not (dry_run or failed or proposed)
    result.batch_id = batch_id if proposed and not failed else None
    return result


def failed_rows(sheet: Sheet, report: ImportResult) -> tuple[list[str], list[list[str]]]:
    """The rows in error, as sent plus an `errors` column: a sheet an officer can fix and send again alone."""
    problems = {
        row.row: "; ".join(f"{p.column or 'row'}: {p.message}" for p in row.errors) for row in report.rows if row.errors
    }
    # Not escaped here: the exports' writers escape every cell, for the spreadsheet where "=..." must not run.
    rows = [[*cells, problems[number]] for number, cells in sheet.rows if number in problems]
    return [*sheet.headers, "errors"], rows
