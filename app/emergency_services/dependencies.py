from typing import Annotated

from fastapi import Query

from app.core.filters import LanguageSpokenQuery
from app.core.geo import NearDep
from app.core.i18n import validated_language_tags
from app.emergency_services.models import EmergencyService
from app.emergency_services.repository import EmergencyServiceFilters
from app.records import dependencies as records
from app.service_types.dependencies import ServiceTypeFilterDep


async def emergency_service_filters(
    listed: records.ListedByHoursDep,
    service_types: ServiceTypeFilterDep,
    near: NearDep,
    language: LanguageSpokenQuery = None,
    available_24h: Annotated[
        bool | None,
        Query(description="Only services that are (true) or are not (false) available 24 hours, 7 days."),
    ] = None,
) -> EmergencyServiceFilters:
    return EmergencyServiceFilters(
        **vars(listed),
        service_types=service_types,
        languages=validated_language_tags("language", language),
        available_24h=available_24h,
        near=near,
    )


LOOKUPS = records.record_lookups(EmergencyService, "service_id")
