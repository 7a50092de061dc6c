from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.core.filters import SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.query import CommonFilters
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.protection_systems.models import ProtectionSystem
from app.records import dependencies as records


async def _protection_system_filters(
    countries: CountryFilterDep,
    status: StatusQuery = RecordStatus.active,
    verified_since: VerifiedSinceQuery = None,
    q: SearchQuery = None,
) -> CommonFilters:
    return CommonFilters(countries=countries, status=status, verified_since=verified_since, q=q)


SystemId = Annotated[str, Path(max_length=64, description="The protection system's id.")]


async def _published_protection_system(session: SessionDep, system_id: SystemId) -> ProtectionSystem:
    return await records.published(session, ProtectionSystem, system_id)


async def editable_protection_system(session: SessionDep, system_id: SystemId) -> ProtectionSystem:
    return await records.editable(session, ProtectionSystem, system_id)


ProtectionSystemFiltersDep = Annotated[CommonFilters, Depends(_protection_system_filters)]
PublishedProtectionSystemDep = Annotated[ProtectionSystem, Depends(_published_protection_system)]
