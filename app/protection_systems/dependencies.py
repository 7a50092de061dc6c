from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.core.errors import NotFoundError
from app.core.filters import SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.query import CommonFilters
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.protection_systems import repository
from app.protection_systems.models import ProtectionSystem


async def _protection_system_filters(
    countries: CountryFilterDep,
    status: StatusQuery = RecordStatus.active,
    verified_since: VerifiedSinceQuery = None,
    q: SearchQuery = None,
) -> CommonFilters:
    return CommonFilters(countries=countries, status=status, verified_since=verified_since, q=q)


async def _published_protection_system(
    session: SessionDep,
    system_id: Annotated[str, Path(max_length=64, description="The protection system's id.")],
) -> ProtectionSystem:
    system = await repository.get_public(session, system_id)
    if system is None:
        raise NotFoundError(f"No published protection system with id '{system_id}'.")
    return system


ProtectionSystemFiltersDep = Annotated[CommonFilters, Depends(_protection_system_filters)]
PublishedProtectionSystemDep = Annotated[ProtectionSystem, Depends(_published_protection_system)]


async def editable_protection_system(
    session: SessionDep, system_id: Annotated[str, Path(max_length=64, description="The protection system's id.")]
) -> ProtectionSystem:
    system = await repository.get_editable(session, system_id)
    if system is None:
        raise NotFoundError(f"No protection system with id '{system_id}'.")
    return system
