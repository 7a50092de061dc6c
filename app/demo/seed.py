"""Loads the demo directory (app/demo/data.py) into an empty database. The caller commits."""

from copy import deepcopy
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.models import Published
from app.demo.builders import CountryDemo, EmergencyDemo, FocalDemo, InstitutionDemo, Place, SystemDemo
from app.demo.data import COUNTRIES, SOURCE

# Through app.tables, so the whole schema (country, service_type) is mapped when the CLI flushes without the app.
from app.tables import (
    EmergencyService,
    EmergencyServiceServiceType,
    FocalPoint,
    Institution,
    InstitutionServiceType,
    ProtectionSystem,
)

DIRECTORY_MODELS: tuple[type[Published], ...] = (Institution, EmergencyService, ProtectionSystem, FocalPoint)


async def _directory_is_empty(session: AsyncSession) -> bool:
    for model in DIRECTORY_MODELS:
        if (await session.execute(select(col(model.id)).limit(1))).first() is not None:
            return False
    return True


def _place(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {}
    return {
        "address": place.address,
        "city": place.city,
        "admin_area": place.admin_area,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "location_confidential": place.confidential,
    }


def _time_zone(country: CountryDemo, place: Place | None) -> str:
    return (place.time_zone if place else None) or country.time_zone


def _publication(data: InstitutionDemo | EmergencyDemo | SystemDemo | FocalDemo) -> dict[str, Any]:
    """What every demo record has: its state, when it was last confirmed, and the demo mark."""
    return {"status": data.status, "last_verified_at": data.verified, "is_demo": True, "source": SOURCE}


def _provider(country: CountryDemo, data: InstitutionDemo | EmergencyDemo) -> dict[str, Any]:
    """What institutions and emergency services have alike."""
    return {
        "name": data.name,
        "country_code": country.code,
        "description": dict(data.description),
        **_place(data.place),
        "phones": [dict(phone) for phone in data.phones],
        "opening_hours": deepcopy(data.hours),
        "time_zone": _time_zone(country, data.place),
        "languages": list(data.languages),
        "valid_until": data.valid_until,
        **_publication(data),
    }


def _institution(country: CountryDemo, data: InstitutionDemo) -> Institution:
    min_age, max_age = data.ages
    institution = Institution(
        **_provider(country, data),
        acronym=data.acronym,
        kind=data.kind,
        populations=list(data.populations),
        min_age=min_age,
        max_age=max_age,
        email=data.email,
        website=data.website,
        emergency_response=data.emergency_response,
        nationalities_served=list(data.nationalities_served),
    )
    institution.service_type_links = [
        InstitutionServiceType(institution_id=institution.id, service_type_code=code) for code in data.services
    ]
    return institution


def _emergency_service(country: CountryDemo, data: EmergencyDemo, institution_id: str | None) -> EmergencyService:
    service = EmergencyService(
        **_provider(country, data),
        institution_id=institution_id,
        available_24h=data.available_24h,
        free_of_charge=data.free_of_charge,
        coverage_national=not data.coverage_areas,
        coverage_areas=list(data.coverage_areas),
    )
    service.service_type_links = [
        EmergencyServiceServiceType(emergency_service_id=service.id, service_type_code=code) for code in data.services
    ]
    return service


def _protection_system(country: CountryDemo, data: SystemDemo, lead_id: str | None) -> ProtectionSystem:
    return ProtectionSystem(
        country_code=country.code,
        name=data.name,
        description=dict(data.description),
        lead_institution_id=lead_id,
        website=data.website,
        **_publication(data),
    )


def _focal_point(country: CountryDemo, data: FocalDemo, system_id: str, institution_id: str | None) -> FocalPoint:
    return FocalPoint(
        country_code=country.code,
        protection_system_id=system_id,
        institution_id=institution_id,
        full_name=data.full_name,
        position=data.position,
        topics=list(data.topics),
        public_email=data.public_email,
        public_phone=data.public_phone,
        personal_email=data.personal_email,
        personal_phone=data.personal_phone,
        **_publication(data),
    )


async def seed_demo(session: AsyncSession) -> int:
    """Load the demo directory when no directory record exists yet; return how many records were created.

    Flushes in three rounds (institutions, then what refers to them, then focal points) so that no foreign key
    depends on the unit of work guessing the insert order between tables that have no relationship().
    """
    if not await _directory_is_empty(session):
        return 0

    institutions = {
        country.code: {data.key: _institution(country, data) for data in country.institutions} for country in COUNTRIES
    }
    records: list[Published] = [record for by_key in institutions.values() for record in by_key.values()]
    session.add_all(records)
    await session.flush()

    def institution_id(country: CountryDemo, key: str | None) -> str | None:
        return institutions[country.code][key].id if key is not None else None

    systems: dict[tuple[str, str], ProtectionSystem] = {}
    round_two: list[Published] = []
    for country in COUNTRIES:
        for system_data in country.protection_systems:
            system = _protection_system(country, system_data, institution_id(country, system_data.lead))
            systems[country.code, system_data.key] = system
            round_two.append(system)
        round_two.extend(
            _emergency_service(country, data, institution_id(country, data.institution))
            for data in country.emergency_services
        )
    session.add_all(round_two)
    await session.flush()

    focal_points = [
        _focal_point(country, data, systems[country.code, data.system].id, institution_id(country, data.institution))
        for country in COUNTRIES
        for data in country.focal_points
    ]
    session.add_all(focal_points)
    await session.flush()
    return len(records) + len(round_two) + len(focal_points)
