"""Creating and changing focal points: permission per country, reference checks, then the shared write path."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.http.etags import require_current
from app.curation import service as curation
from app.focal_points.models import FocalPoint, FocalPointCreate, FocalPointUpdate

ENTITY = "focal_point"


async def create(session: AsyncSession, user: User, data: FocalPointCreate) -> FocalPoint:
    curation.ensure_may_edit(user, data.country_code)
    await curation.check_countries(session, "country_code", [data.country_code])
    await curation.check_protection_system(session, "protection_system_id", data.protection_system_id)
    await curation.check_institution(session, "institution_id", data.institution_id)
    return await curation.create(session, user, ENTITY, FocalPoint(**data.model_dump()))


async def update(
    session: AsyncSession, user: User, record: FocalPoint, data: FocalPointUpdate, if_match: list[str]
) -> None:
    changes = data.model_dump(exclude_unset=True)
    curation.ensure_may_edit(user, record.country_code, changes.get("country_code", record.country_code))
    require_current(if_match, record.version)
    if "country_code" in changes:
        await curation.check_countries(session, "country_code", [changes["country_code"]])
    if "protection_system_id" in changes:
        await curation.check_protection_system(session, "protection_system_id", changes["protection_system_id"])
    if "institution_id" in changes:
        await curation.check_institution(session, "institution_id", changes["institution_id"])
    await curation.update(session, user, ENTITY, record, changes, entity_id=record.id)
