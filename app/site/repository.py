from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.query import is_published
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from app.protection_systems.models import ProtectionSystem


async def holds_demo_data(session: AsyncSession) -> bool:
    """Whether any published record is demo data (its contacts fictitious): the pages then say so on top."""
    models = (Institution, EmergencyService, ProtectionSystem, FocalPoint)
    condition = or_(*(exists().where(col(model.is_demo).is_(True), is_published(model)) for model in models))
    return bool(await session.scalar(select(condition)))
