"""A record valid "until" a date stays public through that whole day in its country: the SQL filters of the lists
and the Python rule of the sync say the same."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.http import response_cache
from app.core.query import still_valid
from app.institutions.models import Institution
from app.sync import service as sync_service
from tests import factories
from tests.open_now.conftest import SetClock

LAST_DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("country", "still_public_at", "gone_at"),
    [
        # Guatemala, UTC-6: 18:00 local time is midnight UTC, where the day used to end.
        ("GT", datetime(2026, 12, 2, 5, 59, tzinfo=UTC), datetime(2026, 12, 2, 6, 0, tzinfo=UTC)),
        # Dominican Republic, UTC-4.
        ("DO", datetime(2026, 12, 2, 3, 59, tzinfo=UTC), datetime(2026, 12, 2, 4, 0, tzinfo=UTC)),
        # Mexico: the day ends last in Tijuana (UTC-8 in December).
        ("MX", datetime(2026, 12, 2, 7, 59, tzinfo=UTC), datetime(2026, 12, 2, 8, 0, tzinfo=UTC)),
    ],
)
async def test_a_record_stays_public_until_its_last_day_ends_in_its_country(
    client: httpx.AsyncClient,
    session: AsyncSession,
    set_clock: SetClock,
    country: str,
    still_public_at: datetime,
    gone_at: datetime,
) -> None:
    institution = factories.institution(country_code=country, valid_until=LAST_DAY)
    service = factories.emergency_service(country_code=country, valid_until=LAST_DAY)
    await factories.add(session, institution, service)
    for moment, expected in ((still_public_at, 1), (gone_at, 0)):
        set_clock(moment)
        listed = [
            (await client.get(url, params={"country": country})).json()["total"]
            for url in ("/api/v1/institutions", "/api/v1/emergency-services")
        ]
        assert listed == [expected, expected], moment
        # The Python twin, used by the sync for records already loaded.
        assert institution.is_public_at(moment) is bool(expected)


async def test_sql_and_python_agree_around_every_midnight_of_the_region(session: AsyncSession) -> None:
    codes = ["BZ", "CA", "CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV", "US"]
    records = [factories.institution(country_code=code, valid_until=LAST_DAY) for code in codes]
    await factories.add(session, *records)
    for hour in range(14):
        for minute in (0, 30):
            moment = datetime(2026, 12, 2, hour, minute, tzinfo=UTC)
            in_sql = set(await session.scalars(select(col(Institution.id)).where(still_valid(Institution, moment))))
            in_python = {record.id for record in records if record.is_public_at(moment)}
            assert in_sql == in_python, moment


async def test_the_sync_deletes_a_record_whose_last_day_ended_since_on_the_same_utc_date(
    client: httpx.AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = factories.institution(country_code="GT", valid_until=LAST_DAY)
    await factories.add(session, record)

    async def sync(moment: datetime, since: str | None = None) -> dict[str, Any]:
        monkeypatch.setattr(sync_service, "utcnow", lambda: moment)
        monkeypatch.setattr(response_cache, "utcnow", lambda: moment)
        response = await client.get("/api/v1/sync", params={"since": since} if since else {})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    # 2 December, 03:00 UTC: still 1 December in Guatemala. At 07:00 UTC the day is over there too.
    first = await sync(datetime(2026, 12, 2, 3, 0, tzinfo=UTC))
    assert [c["op"] for c in first["changes"] if c["id"] == record.id] == ["upsert"]
    second = await sync(datetime(2026, 12, 2, 7, 0, tzinfo=UTC), since=first["next"])
    assert [(c["id"], c["op"]) for c in second["changes"]] == [(record.id, "delete")]
