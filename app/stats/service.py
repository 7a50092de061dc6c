"""The coverage view: the grouped counts of the repository laid out per country, with the gaps and the totals."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import Role, User
from app.core.types import utcnow
from app.stats import repository
from app.stats.models import (
    CountryCoverage,
    Coverage,
    CoverageTotals,
    EditorActivity,
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


async def coverage(session: AsyncSession, *, user: User, scope: CoverageScope) -> Coverage:
    """Coverage of the countries in `scope` (already checked as readable by `user`) and the editors `user` may see."""
    now = utcnow()
    unverified_before = now - UNVERIFIED_AFTER
    tree = await repository.service_type_tree(session)
    type_counts = await repository.service_type_counts(session, scope.countries)
    quality = await repository.record_quality(session, scope.countries, unverified_before)

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
