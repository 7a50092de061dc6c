"""Creating and changing emergency services: permission per country, reference checks, then the shared write path."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.http.etags import require_current
from app.core.validation import check_coordinates
from app.curation import service as curation
from app.emergency_services.models import (
    EmergencyService,
    EmergencyServiceCreate,
    EmergencyServiceServiceType,
    EmergencyServiceUpdate,
)

ENTITY = "emergency_service"


def _links(codes: list[str], existing: Sequence[EmergencyServiceServiceType] = ()) -> list[EmergencyServiceServiceType]:
    return curation.service_type_links(
        codes, existing, lambda code: EmergencyServiceServiceType(service_type_code=code)
    )


async def create(session: AsyncSession, user: User, data: EmergencyServiceCreate) -> EmergencyService:
    curation.ensure_may_edit(user, data.country_code)
    check_coordinates(data.latitude, data.longitude)
    await curation.check_countries(session, "country_code", [data.country_code])
    await curation.check_institution(session, "institution_id", data.institution_id)
    await curation.check_service_types(session, data.service_types)
    record = EmergencyService(**data.model_dump(exclude={"service_types"}))
    record.service_type_links = _links(data.service_types)
    return await curation.create(session, user, ENTITY, record)


async def update(
    session: AsyncSession, user: User, record: EmergencyService, data: EmergencyServiceUpdate, if_match: list[str]
) -> None:
    changes = data.model_dump(exclude_unset=True)
    curation.ensure_may_edit(user, record.country_code, changes.get("country_code", record.country_code))
    require_current(if_match, record.version)
    check_coordinates(changes.get("latitude", record.latitude), changes.get("longitude", record.longitude))
    if "country_code" in changes:
        await curation.check_countries(session, "country_code", [changes["country_code"]])
    if "institution_id" in changes:
        await curation.check_institution(session, "institution_id", changes["institution_id"])
    if "service_types" in changes:
        codes = changes.pop("service_types")
        await curation.check_service_types(session, codes)
        changes["service_type_links"] = _links(codes, record.service_type_links)
    await curation.update(session, user, ENTITY, record, changes, entity_id=record.id)
