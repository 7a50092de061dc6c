from typing import Annotated

from fastapi import Depends, Path, Query

from app.core.clock import ClockDep
from app.core.db import SessionDep
from app.core.filters import LanguageSpokenQuery, OpenNowQuery, SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.geo import NearDep
from app.core.i18n import validated_language_tags
from app.core.vocabulary import RecordStatus
from app.countries.dependencies import CountryFilterDep
from app.emergency_services.models import EmergencyService
from app.emergency_services.repository import EmergencyServiceFilters
from app.records import dependencies as records
from app.service_types.dependencies import ServiceTypeFilterDep


async def _emergency_service_filters(
    countries: CountryFilterDep,
    now: ClockDep,
    service_types: ServiceTypeFilterDep,
    near: NearDep,
    language: LanguageSpokenQuery = None,
    available_24h: Annotated[
        bool | None,
        Query(description="Only services that are (true) or are not (false) available 24 hours, 7 days."),
    ] = None,
    status: StatusQuery = RecordStatus.active,
    verified_since: VerifiedSinceQuery = None,
    q: SearchQuery = None,
    open_now: OpenNowQuery = None,
) -> EmergencyServiceFilters:
    return EmergencyServiceFilters(
        countries=countries,
        status=status,
        verified_since=verified_since,
        q=q,
        now=now,
        open_now=open_now,
        service_types=service_types,
        languages=validated_language_tags("language", language),
        available_24h=available_24h,
        near=near,
    )


ServiceId = Annotated[str, Path(max_length=64, description="The emergency service's id.")]


async def _published_emergency_service(session: SessionDep, service_id: ServiceId) -> EmergencyService:
    return await records.published(session, EmergencyService, service_id)


async def editable_emergency_service(session: SessionDep, service_id: ServiceId) -> EmergencyService:
    return await records.editable(session, EmergencyService, service_id)


EmergencyServiceFiltersDep = Annotated[EmergencyServiceFilters, Depends(_emergency_service_filters)]
PublishedEmergencyServiceDep = Annotated[EmergencyService, Depends(_published_emergency_service)]
