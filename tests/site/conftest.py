from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.demo.seed import seed_demo
from app.emergency_services.models import EmergencyService
from app.focal_points.models import FocalPoint
from app.institutions.models import Institution
from tests.curation.conftest import app_client, store

__all__ = ["app_client", "store"]


@dataclass(frozen=True)
class Demo:
    """The demo directory as stored, and what of it must never reach a page."""

    institutions: list[Institution]
    emergency_services: list[EmergencyService]
    focal_points: list[FocalPoint]

    def institution(self, name: str) -> Institution:
        return next(record for record in self.institutions if record.name == name)

    def emergency_service(self, name: str) -> EmergencyService:
        return next(record for record in self.emergency_services if record.name == name)

    def secrets(self) -> set[str]:
        """Street addresses and coordinates of confidential locations; focal points' personal contacts."""
        places = [*self.institutions, *self.emergency_services]
        public_coordinates = {
            str(value)
            for record in places
            if not record.location_confidential
            for value in (record.latitude, record.longitude)
        }
        found: set[str] = set()
        for record in places:
            if record.location_confidential:
                found |= {value for value in (record.address,) if value}
                found |= {
                    str(value) for value in (record.latitude, record.longitude) if value is not None
                } - public_coordinates
        for point in self.focal_points:
            found |= {value for value in (point.personal_email, point.personal_phone) if value}
        return found


@pytest.fixture
async def demo(session: AsyncSession) -> Demo:
    """The demo directory, loaded as `make run` loads it."""
    assert await seed_demo(session) > 0
    await session.commit()
    return Demo(
        institutions=list((await session.scalars(select(Institution))).all()),
        emergency_services=list((await session.scalars(select(EmergencyService))).all()),
        focal_points=list((await session.scalars(select(FocalPoint))).all()),
    )
