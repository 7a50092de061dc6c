"""Countries' time zones: where a record's day begins and ends, and which zone its opening hours are read in."""

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

# The zone of each country that has one; a record of a country with several gives its own `time_zone`.
COUNTRY_TIME_ZONE = {
    "BZ": "America/Belize",
    "CR": "America/Costa_Rica",
    "DO": "America/Santo_Domingo",
    "GT": "America/Guatemala",
    "HN": "America/Tegucigalpa",
    "NI": "America/Managua",
    "PA": "America/Panama",
    "SV": "America/El_Salvador",
}
# The zone where a country's day ends last (overseas territories aside): a date is over in the country only when
# it is over there, so nothing dated "until" that day leaves the directory early anywhere in it.
LAST_MIDNIGHT_TIME_ZONE = {
    **COUNTRY_TIME_ZONE,
    "CA": "America/Vancouver",
    "MX": "America/Tijuana",
    "US": "Pacific/Honolulu",
}
# Any other country: the day is over only when it is over everywhere on Earth (UTC-12, "anywhere on Earth").
ANYWHERE_ON_EARTH = "Etc/GMT+12"


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def record_time_zone(time_zone: str | None, country_code: str) -> str | None:
    """The zone a record's hours are read in: its own, else its country's when the country has only one."""
    return time_zone or COUNTRY_TIME_ZONE.get(country_code)


def country_today(country_code: str, now: datetime) -> date:
    """The date that is still current somewhere in the country at `now`."""
    return now.astimezone(zone(LAST_MIDNIGHT_TIME_ZONE.get(country_code, ANYWHERE_ON_EARTH))).date()


def publication_dates(now: datetime) -> tuple[date, Mapping[str, date]]:
    """The current date anywhere on Earth (the earliest there is), and every listed country's own current date."""
    # Every zone's offset is a whole number of minutes: the dates stay the same within a minute.
    return _dates_in_minute(now.replace(second=0, microsecond=0))


@lru_cache(maxsize=8)
def _dates_in_minute(minute: datetime) -> tuple[date, Mapping[str, date]]:
    earliest = minute.astimezone(zone(ANYWHERE_ON_EARTH)).date()
    return earliest, MappingProxyType({code: country_today(code, minute) for code in LAST_MIDNIGHT_TIME_ZONE})


def publication_day_key(now: datetime) -> str:
    """Changes exactly when some country's date does: answers that list records by valid_until go stale then."""
    return _day_key_in_minute(now.replace(second=0, microsecond=0))


@lru_cache(maxsize=8)
def _day_key_in_minute(minute: datetime) -> str:
    earliest, dates = publication_dates(minute)
    return ",".join([earliest.isoformat(), *(dates[code].isoformat() for code in sorted(dates))])
