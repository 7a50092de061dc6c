"""Creating and changing institutions: permission per country, reference checks, then the shared write path."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.http.etags import require_current
from app.core.validation import check_age_range, check_coordinates
from app.curation import service as curation
from app.institutions.models import Institution, InstitutionCreate, InstitutionServiceType, InstitutionUpdate

ENTITY = "institution"


def _links(codes: list[str], existing: Sequence[InstitutionServiceType] = ()) -> list[InstitutionServiceType]:
    return curation.service_type_links(codes, existing, lambda code: InstitutionServiceType(service_type_code=code))


async def create(session: AsyncSession, user: User, data: InstitutionCreate) -> Institution:
    curation.ensure_may_edit(user, data.country_code)
    check_age_range(data.min_age, data.max_age)
    check_coordinates(data.latitude, data.longitude)
    await curation.check_countries(session, "country_code", [data.country_code])
    await curation.check_countries(session, "nationalities_served", data.nationalities_served)
    await curation.check_service_types(session, data.service_types)
    record = Institution(**data.model_dump(exclude={"service_types"}))
    record.service_type_links = _links(data.service_types)
    return await curation.create(session, user, ENTITY, record)


async def update(
    session: AsyncSession, user: User, record: Institution, data: InstitutionUpdate, if_match: list[str]
) -> None:
    changes = data.model_dump(exclude_unset=True)
    curation.ensure_may_edit(user, record.country_code, changes.get("country_code", record.country_code))
    require_current(if_match, record.version)
    check_age_range(changes.get("min_age", record.min_age), changes.get("max_age", record.max_age))
    check_coordinates(changes.get("latitude", record.latitude), changes.get("longitude", record.longitude))
    if "country_code" in changes:
        await curation.check_countries(session, "country_code", [changes["country_code"]])
    if "nationalities_served" in changes:
        await curation.check_countries(session, "nationalities_served", changes["nationalities_served"])
    if "service_types" in changes:
        codes = changes.pop("service_types")
        await curation.check_service_types(session, codes)
        changes["service_type_links"] = _links(codes, record.service_type_links)
    await curation.update(session, user, ENTITY, record, changes, entity_id=record.id)
