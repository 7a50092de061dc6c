"""Is a service open at a given instant? Read from its weekly opening hours in its own time zone.

Pure: no clock and no database; the caller passes the instant. Wall-clock times are read in the zone's local time
at that instant, so daylight-saving changes need no special case: on the night clocks go forward the skipped hour
simply never happens, and on the night they go back the repeated hour is open twice if it is open at all.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.core.local_time import zone
from app.core.vocabulary import Weekday

DAYS = list(Weekday)
MINUTES_PER_DAY = 24 * 60


def _minutes(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def is_open(
    opening_hours: Mapping[str, Any] | None, time_zone: str | None, now: datetime, *, always_open: bool = False
) -> bool | None:
    """True or False at `now` (timezone-aware); None when it cannot be told: no periods, or no time zone.

    A period whose `closes` is not after its `opens` runs past midnight into the next day; `closes` "24:00" is
    the end of the day.
    """
    if always_open:
        return True
    periods = (opening_hours or {}).get("periods") or []
    if not periods or time_zone is None:
        return None
    local = now.astimezone(zone(time_zone))
    today = DAYS[local.weekday()]
    yesterday = DAYS[local.weekday() - 1]
    minute = local.hour * 60 + local.minute
    for period in periods:
        opens, closes = _minutes(period["opens"]), _minutes(period["closes"])
        overnight = closes <= opens
        if period["day"] == today and opens <= minute < (MINUTES_PER_DAY if overnight else closes):
            return True
        if overnight and period["day"] == yesterday and minute < closes:
            return True
    return False
