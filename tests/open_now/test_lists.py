"""`open_now` on the institution and emergency-service lists, with a fixed clock across time zones and DST."""

from datetime import UTC, datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories
from tests.open_now.conftest import SetClock

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
OFFICE = {"periods": [{"day": day, "opens": "09:00", "closes": "17:00"} for day in WEEKDAYS], "note": {}}
NIGHTS = {"periods": [{"day": "sunday", "opens": "20:00", "closes": "02:00"}], "note": {}}
INSTITUTIONS = "/api/v1/institutions"
SERVICES = "/api/v1/emergency-services"


async def arrange(session: AsyncSession) -> None:
    await factories.add(
        session,
        factories.institution(name="New York", country_code="US", time_zone="America/New_York", opening_hours=OFFICE),
        factories.institution(name="Monterrey", country_code="MX", time_zone="America/Monterrey", opening_hours=OFFICE),
        factories.institution(name="Toronto", country_code="CA", time_zone="America/Toronto", opening_hours=OFFICE),
        # Guatemala has one zone: the record needs none of its own.
        factories.institution(name="Guatemala", country_code="GT", opening_hours=OFFICE),
        # The United States has several: without its own zone, the hours cannot be read.
        factories.institution(name="US, zone unknown", country_code="US", opening_hours=OFFICE),
        factories.institution(name="No hours", country_code="GT"),
    )


async def names(client: httpx.AsyncClient, url: str, **params: str) -> dict[str, bool | None]:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return {item["name"]: item["open_now"] for item in response.json()["items"]}


async def test_open_now_before_and_after_the_us_and_canada_change_to_summer_time(
    client: httpx.AsyncClient, session: AsyncSession, set_clock: SetClock
) -> None:
    await arrange(session)
    # Friday 6 March 2026, 14:30 UTC: 09:30 in New York and Toronto (EST), 08:30 in Monterrey and Guatemala.
    set_clock(datetime(2026, 3, 6, 14, 30, tzinfo=UTC))
    assert await names(client, INSTITUTIONS) == {
        "Guatemala": False,
        "Monterrey": False,
        "New York": True,
        "No hours": None,
        "Toronto": True,
        "US, zone unknown": None,
    }
    assert await names(client, INSTITUTIONS, open_now="true") == {"New York": True, "Toronto": True}
    assert await names(client, INSTITUTIONS, open_now="false") == {"Guatemala": False, "Monterrey": False}

    # Monday 9 March, the same 14:30 UTC: 10:30 in New York and Toronto (EDT now), still 08:30 in Mexico.
    set_clock(datetime(2026, 3, 9, 14, 30, tzinfo=UTC))
    assert await names(client, INSTITUTIONS, open_now="true") == {"New York": True, "Toronto": True}
    # 21:30 UTC: 17:30 in New York and Toronto (closed), 15:30 in Monterrey and Guatemala.
    set_clock(datetime(2026, 3, 9, 21, 30, tzinfo=UTC))
    assert await names(client, INSTITUTIONS, open_now="true") == {"Guatemala": True, "Monterrey": True}
    # 13:30 UTC: 09:30 in New York since the change, where it was 08:30 the Friday before.
    set_clock(datetime(2026, 3, 9, 13, 30, tzinfo=UTC))
    assert await names(client, INSTITUTIONS, open_now="true") == {"New York": True, "Toronto": True}
    single = await client.get(
        f"{INSTITUTIONS}/{(await client.get(INSTITUTIONS, params={'q': 'toronto'})).json()['items'][0]['id']}"
    )
    assert single.json()["open_now"] is True


async def test_open_now_pages_and_counts_only_the_open_ones(
    client: httpx.AsyncClient, session: AsyncSession, set_clock: SetClock
) -> None:
    await factories.add(
        session,
        *(factories.institution(name=f"Open {n}", opening_hours=OFFICE) for n in range(3)),
        *(factories.institution(name=f"Closed {n}", opening_hours=NIGHTS) for n in range(2)),
    )
    set_clock(datetime(2026, 3, 9, 16, 0, tzinfo=UTC))  # Monday 10:00 in Guatemala
    response = await client.get(INSTITUTIONS, params={"open_now": "true", "limit": 2, "offset": 1})
    body = response.json()
    assert (body["total"], [item["name"] for item in body["items"]]) == (3, ["Open 1", "Open 2"])
    near = await client.get(INSTITUTIONS, params={"open_now": "true", "near": "14.6349,-90.5069"})
    assert near.json()["total"] == 3


async def test_emergency_services_open_after_midnight_and_around_the_clock(
    client: httpx.AsyncClient, session: AsyncSession, set_clock: SetClock
) -> None:
    await factories.add(
        session,
        factories.emergency_service(name="Always", country_code="HN", available_24h=True),
        factories.emergency_service(
            name="Sunday night",
            country_code="MX",
            time_zone="America/Tijuana",
            available_24h=False,
            opening_hours=NIGHTS,
        ),
        factories.emergency_service(name="Unknown", country_code="HN", available_24h=False),
    )
    # Monday 9 March 2026, 08:30 UTC: 01:30 on Monday in Tijuana (PDT since 8 March), inside Sunday night's period.
    set_clock(datetime(2026, 3, 9, 8, 30, tzinfo=UTC))
    assert await names(client, SERVICES) == {"Always": True, "Sunday night": True, "Unknown": None}
    assert await names(client, SERVICES, open_now="true") == {"Always": True, "Sunday night": True}
    # 09:30 UTC: 02:30 there, closed.
    set_clock(datetime(2026, 3, 9, 9, 30, tzinfo=UTC))
    assert await names(client, SERVICES, open_now="true") == {"Always": True}
    assert await names(client, SERVICES, open_now="false") == {"Sunday night": False}


async def test_open_now_must_be_a_boolean(client: httpx.AsyncClient) -> None:
    response = await client.get(SERVICES, params={"open_now": "maybe"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "open_now"
