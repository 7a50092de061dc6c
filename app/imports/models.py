"""The answer of an import: per row what happened or would happen, and every problem found."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

from pydantic import BaseModel, Field, TypeAdapter

from app.spreadsheets.layouts import ResourceType


class Outcome(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"
    error = "error"


class CellProblem(BaseModel):
    column: str | None = Field(description="The column's English header; null for the whole row.")
    message: str


class RowReport(BaseModel):
    row: int = Field(description="The row number in the sheet (the header is row 1).")
    external_id: str | None
    outcome: Outcome
    id: str | None = Field(description="The record's id (null for a row not created yet or in error).")
    changed_fields: list[str] = Field(description="For `updated`: the fields that change.")
    errors: list[CellProblem]
    warnings: list[CellProblem] = Field(
        description="Likely duplicates accepted with `allow_duplicates=true`: reported, never silent."
    )


class ImportSummary(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error: int = 0


class ImportReport(BaseModel):
    type: ResourceType
    dry_run: bool
    applied: bool = Field(description="True when the changes were written (all rows, in one transaction).")
    batch_id: str | None = Field(
        default=None,
        description="From an editor of a country with review required: the changes were not written but proposed, "
        "as this batch (POST /api/v1/proposals/batches/{batch_id}/approve or reject).",
    )
    format: str = Field(examples=["csv"])
    encoding: str | None = Field(
        description="The encoding the CSV was read with: utf-8, utf-8-sig (with BOM), cp1252 or latin-1.",
        examples=["utf-8"],
    )
    ignored_columns: list[str] = Field(description="Headers that are not in the layout: their cells are ignored.")
    summary: ImportSummary
    rows: list[RowReport]


# A row of the report as the import keeps it: (row, external_id, outcome, id, changed_fields, errors, warnings).
Problems = tuple[CellProblem, ...]
RowResult = tuple[int, str | None, Outcome, str | None, tuple[str, ...], Problems, Problems]
_ROW_REPORTS: TypeAdapter[list[RowReport]] = TypeAdapter(list[RowReport])
_REPORT: TypeAdapter[ImportReport] = TypeAdapter(ImportReport)
_CHUNK = 1000


@dataclass
class ImportResult:
    """An ImportReport as an import builds it: 100,000 RowReport objects would take 140 MB, so a row is kept as one
    tuple, and the report's JSON is written a chunk of rows at a time."""

    type: ResourceType
    dry_run: bool
    format: str
    encoding: str | None
    ignored_columns: list[str]
    applied: bool = False
    batch_id: str | None = None
    summary: ImportSummary = field(default_factory=ImportSummary)
    results: list[RowResult] = field(default_factory=list)

    def add(self, result: RowResult) -> None:
        outcome = result[2]
        setattr(self.summary, outcome.value, getattr(self.summary, outcome.value) + 1)
        self.results.append(result)

    @property
    def rows(self) -> Iterator[RowReport]:
        for number, external_id, outcome, record_id, changed_fields, errors, warnings in self.results:
            yield RowReport(
                row=number,
                external_id=external_id,
                outcome=outcome,
                # A new record has an id once it is written.
                id=None if outcome is Outcome.created and not self.applied else record_id,
                changed_fields=list(changed_fields),
                errors=list(errors),
                warnings=list(warnings),
            )

    def json(self) -> bytes:
        """The ImportReport's JSON."""
        head = ImportReport(
            type=self.type,
            dry_run=self.dry_run,
            applied=self.applied,
            batch_id=self.batch_id,
            format=self.format,
            encoding=self.encoding,
            ignored_columns=self.ignored_columns,
            summary=self.summary,
            rows=[],
        )
        # `rows` is the last field: its empty list is replaced by the rows, serialized a chunk at a time.
        chunks = []
        rows = self.rows
        while chunk := list(islice(rows, _CHUNK)):
            chunks.append(_ROW_REPORTS.dump_json(chunk)[1:-1])  # without its brackets
        return _REPORT.dump_json(head).removesuffix(b"[]}") + b"[" + b",".join(chunks) + b"]}"
