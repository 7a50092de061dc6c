"""The coverage view: the grouped counts of the repository laid out per country, with the gaps and the totals."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import Role, User
from app.core.config import Settings
from app.core.types import utcnow
from app.reconfirmations import repository as reconfirmations
from app.reports import repository as reports
from app.reports.records import RecordType
from app.stats import repository
from app.stats.models import (
    CountryCoverage,
    Coverage,
    CoverageTotals,
    EditorActivity,
    RecordQuality,
    RecordsQuality,
    ReportedRecord,
    ResourceCounts,
    ServiceTypeCoverage,
)

UNVERIFIED_AFTER = timedelta(days=365)
ACTIVITY_WINDOWS = (timedelta(days=30), timedelta(days=90))


@dataclass(frozen=True)
class CoverageScope:
    countries: list[str]  # every country in the answer
    requested: list[str] | None  # the `country` filter as sent, None without one


def _service_types(
    tree: list[tuple[str, str | None]], counts: dict[str, repository.TypeCounts]
) -> list[ServiceTypeCoverage]:
    items = []
    for code, parent in tree:
        found = counts.get(code)
        items.append(
            ServiceTypeCoverage(
                code=code,
                parent_code=parent,
                direct=found.direct.model_copy() if found else ResourceCounts(),
                including_subtypes=found.including_subtypes.model_copy() if found else ResourceCounts(),
            )
        )
    return items


def _gaps(items: list[ServiceTypeCoverage]) -> list[str]:
    return [item.code for item in items if item.including_subtypes.total == 0]


async def coverage(session: AsyncSession, settings: Settings, *, user: User, scope: CoverageScope) -> Coverage:
    """Coverage of the countries in `scope` (already checked as readable by `user`) and the editors `user` may see."""
    now = utcnow()
    unverified_before = now - UNVERIFIED_AFTER
    tree = await repository.service_type_tree(session)
    type_counts = await repository.service_type_counts(session, scope.countries)
    quality = await repository.record_quality(session, scope.countries, unverified_before)
    reported = await _follow_up(session, settings, scope.countries, quality, now)

    per_country = []
    totals = CoverageTotals(
        service_types=_service_types(tree, {}), service_types_without_provider=[], records=repository.empty_quality()
    )
    for country_code in scope.countries:
        items = _service_types(tree, type_counts.get(country_code, {}))
        records = quality.get(country_code) or repository.empty_quality()
        per_country.append(
            CountryCoverage(
                country_code=country_code,
                service_types=items,
                service_types_without_provider=_gaps(items),
                records=records,
                reported_records=reported.get(country_code, []),
            )
        )
        for total, item in zip(totals.service_types, items, strict=True):
            total.direct.add(item.direct)
            total.including_subtypes.add(item.including_subtypes)
        totals.records.add(records)
    totals.service_types_without_provider = _gaps(totals.service_types)

    return Coverage(
        generated_at=now,
        unverified_before=unverified_before,
        countries=per_country,
        totals=totals,
        editors=await _editors(session, user=user, scope=scope, now=now),
    )


async def _follow_up(
    session: AsyncSession,
    settings: Settings,
    countries: list[str],
    quality: dict[str, RecordsQuality],
    now: datetime,
) -> dict[str, list[ReportedRecord]]:
    """Adds the open reports and the records due for re-confirmation to `quality`; returns the reported records."""
    reported: dict[str, list[ReportedRecord]] = {}
    for country, record_type, record_id, count in await reports.open_counts_per_record(session, countries):
        kind = RecordType(record_type)
        reported.setdefault(country, []).append(
            ReportedRecord(record_type=kind, record_id=record_id, open_reports=count)
        )
        _quality_of(quality, country, kind).open_reports += count
    for (country, kind), count in (await reconfirmations.due_counts(session, settings, countries, now)).items():
        _quality_of(quality, country, kind).reconfirmation_due = count
    return reported


def _quality_of(quality: dict[str, RecordsQuality], country: str, kind: RecordType) -> RecordQuality:
    found: RecordQuality = getattr(quality.setdefault(country, repository.empty_quality()), f"{kind.value}s")
    return found


async def _editors(session: AsyncSession, *, user: User, scope: CoverageScope, now: datetime) -> list[EditorActivity]:
    """Administrators see every editor; an editor sees only their own entry; a viewer, who cannot write, none."""
    if user.role == Role.admin:
        user_ids, countries = None, scope.requested
    elif user.role == Role.editor:
        user_ids, countries = [user.id], None
    else:
        return []
    since = (now - ACTIVITY_WINDOWS[0], now - ACTIVITY_WINDOWS[1])
    found = await repository.editor_activity(session, user_ids=user_ids, countries=countries, since=since)
    return [
        EditorActivity(
            user_id=activity.user.id,
            email=activity.user.email,
            full_name=activity.user.full_name,
            role=Role(activity.user.role),
            countries=activity.user.countries,
            is_active=activity.user.is_active,
            last_activity_at=activity.last_activity_at,
            changes_last_30_days=activity.changes_since[0],
            changes_last_90_days=activity.changes_since[1],
        )
        for activity in found
    ]
