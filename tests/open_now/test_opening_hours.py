"""The pure rule: open or not at an instant, in the record's own time zone, across midnight and DST."""

from datetime import UTC, datetime

import pytest

from app.core.opening_hours import is_open

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
OFFICE = {"periods": [{"day": day, "opens": "09:00", "closes": "17:00"} for day in WEEKDAYS]}
# Friday and Saturday nights, 22:00 to 06:00 the next morning.
NIGHTS = {"periods": [{"day": day, "opens": "22:00", "closes": "06:00"} for day in ("friday", "saturday")]}


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hours", "zone", "moment", "expected"),
    [
        # New York, before (EST, UTC-5) and after (EDT, UTC-4) the change on Sunday 8 March 2026.
        (OFFICE, "America/New_York", utc(2026, 3, 6, 13, 30), False),  # Friday 08:30
        (OFFICE, "America/New_York", utc(2026, 3, 9, 13, 30), True),  # Monday 09:30
        (OFFICE, "America/New_York", utc(2026, 3, 9, 21, 0), False),  # Monday 17:00: closed from then
        # Mexico City keeps UTC-6 all year since 2022: the same instant is 07:30 there.
        (OFFICE, "America/Mexico_City", utc(2026, 3, 9, 13, 30), False),
        (OFFICE, "America/Mexico_City", utc(2026, 3, 9, 15, 0), True),
        # Toronto, back to EST (UTC-5) on Sunday 1 November 2026.
        (OFFICE, "America/Toronto", utc(2026, 10, 30, 13, 30), True),  # Friday 09:30 EDT
        (OFFICE, "America/Toronto", utc(2026, 11, 2, 13, 30), False),  # Monday 08:30 EST
        # After midnight: Saturday 03:00 in Vancouver is inside Friday night's period; Sunday 07:00 is not.
        (NIGHTS, "America/Vancouver", utc(2026, 7, 11, 10, 0), True),
        (NIGHTS, "America/Vancouver", utc(2026, 7, 11, 5, 30), True),  # Friday 22:30
        (NIGHTS, "America/Vancouver", utc(2026, 7, 12, 14, 0), False),  # Sunday 07:00
        (NIGHTS, "America/Vancouver", utc(2026, 7, 9, 10, 0), False),  # Thursday 03:00
        # No hours, or no zone to read them in: unknown.
        (None, "America/Guatemala", utc(2026, 3, 9, 15, 0), None),
        ({"periods": []}, "America/Guatemala", utc(2026, 3, 9, 15, 0), None),
        (OFFICE, None, utc(2026, 3, 9, 15, 0), None),
    ],
)
def test_open_at_an_instant(hours: dict | None, zone: str | None, moment: datetime, expected: bool | None) -> None:
    assert is_open(hours, zone, moment) is expected


def test_always_open_needs_no_hours_nor_zone() -> None:
    assert is_open(None, None, utc(2026, 1, 1, 3, 0), always_open=True) is True


def test_a_period_to_the_end_of_the_day() -> None:
    hours = {"periods": [{"day": "sunday", "opens": "00:00", "closes": "24:00"}]}
    assert is_open(hours, "America/Guatemala", utc(2026, 3, 9, 5, 59)) is True  # Sunday 23:59
    assert is_open(hours, "America/Guatemala", utc(2026, 3, 9, 6, 0)) is False  # Monday 00:00


def test_the_hour_skipped_by_daylight_saving_is_never_open() -> None:
    # 02:00-03:00 on Sunday 8 March 2026 does not exist in New York; 01:59 EST is followed by 03:00 EDT.
    hours = {"periods": [{"day": "sunday", "opens": "02:00", "closes": "03:00"}]}
    assert is_open(hours, "America/New_York", utc(2026, 3, 8, 6, 59)) is False
    assert is_open(hours, "America/New_York", utc(2026, 3, 8, 7, 0)) is False
