"""Sheets and uploads for the import tests; accounts come from the curation tests' fixtures."""

import csv
import io
import zlib
from collections.abc import Sequence
from typing import Any

import httpx

from tests.curation.conftest import (  # noqa: F401  (fixtures)
    Account,
    account,
    admin,
    app_client,
    editor_gt,
    make_user,
    sign_in,
    store,
    viewer_gt,
)

URL = "/api/v1/imports"
INSTITUTION_HEADERS = [
    "external_id",
    "country_code",
    "name",
    "kind",
    "description_es",
    "service_types",
    "phones",
    "city",
]


def institution_row(external_id: str, country: str = "GT", **cells: str) -> dict[str, str]:
    row = {
        "external_id": external_id,
        "country_code": country,
        "name": f"Institución {external_id}",
        "kind": "ngo",
        "description_es": "Atención a la niñez migrante.",
        "service_types": "legal_assistance",
        "phones": f"+50299{zlib.crc32(external_id.encode()) % 1_000_000:06d} | voice",
        "city": "Ciudad de Guatemala",
    }
    row.update(cells)
    return row


def csv_text(rows: Sequence[dict[str, str]], headers: Sequence[str] = INSTITUTION_HEADERS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(headers), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


async def upload(
    client: httpx.AsyncClient,
    who: Account,
    content: bytes | str,
    *,
    type: str = "institutions",
    dry_run: bool = True,
    filename: str = "sheet.csv",
    **form: Any,
) -> httpx.Response:
    body = content.encode() if isinstance(content, str) else content
    data = {"type": type, "dry_run": str(dry_run).lower(), **{k: str(v).lower() for k, v in form.items()}}
    return await client.post(URL, headers=who.headers, data=data, files={"file": (filename, body)})


def outcomes(report: dict[str, Any]) -> list[str]:
    return [row["outcome"] for row in report["rows"]]
