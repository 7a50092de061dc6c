"""The answer of an import: per row what happened or would happen, and every problem found."""

from enum import StrEnum

from pydantic import BaseModel, Field

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
