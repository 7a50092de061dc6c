"""Creating and changing protection systems: permission per country, reference checks, the shared write path."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import User
from app.core.http.etags import require_current
from app.curation import service as curation
from app.protection_systems.models import ProtectionSystem, ProtectionSystemCreate, ProtectionSystemUpdate

ENTITY = "protection_system"


async def create(session: AsyncSession, user: User, data: ProtectionSystemCreate) -> ProtectionSystem:
    curation.ensure_may_edit(user, data.country_code)
    await curation.check_countries(session, "country_code", [data.country_code])
    await curation.check_institution(session, "lead_institution_id", data.lead_institution_id)
    return await curation.create(session, user, ENTITY, ProtectionSystem(**data.model_dump()))


async def update(
    session: AsyncSession, user: User, record: ProtectionSystem, data: ProtectionSystemUpdate, if_match: list[str]
) -> None:
    changes = data.model_dump(exclude_unset=True)
    curation.ensure_may_edit(user, record.country_code, changes.get("country_code", record.country_code))
    require_current(if_match, record.version)
    if "country_code" in changes:
        await curation.check_countries(session, "country_code", [changes["country_code"]])
    if "lead_institution_id" in changes:
        await curation.check_institution(session, "lead_institution_id", changes["lead_institution_id"])
    await curation.update(session, user, ENTITY, record, changes, entity_id=record.id)
