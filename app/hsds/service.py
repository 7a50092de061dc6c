"""The directory seen through HSDS 3.0: institutions and emergency services mapped to organizations, services,
locations, phones and contacts; the service types to one taxonomy.

Every object is built from the public schemas (InstitutionPublic, EmergencyServicePublic, FocalPointPublic,
ServiceTypePublic), so the confidentiality rules hold here as they do in the JSON API: a confidential location
shows its city and area only, and a focal point shows its institutional contact only. The only stored fields read
beside them are the translations of public texts, for the rcm_translations extension.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.contact import OpeningHours, OpeningHoursPublic
from app.core.contact import Phone as PublicPhone
from app.core.errors import InvalidParameterError, NotFoundError
from app.core.i18n import LocalizedText, Localizer
from app.core.text import search_terms, words
from app.countries.models import Country
from app.emergency_services.models import EmergencyService, EmergencyServicePublic
from app.focal_points.models import FocalPoint, FocalPointPublic
from app.hsds import repository
from app.hsds.ids import TAXONOMY_ID, nested_id, record_id_of, twin_id
from app.hsds.models import (
    HsdsAddress,
    HsdsAttribute,
    HsdsContact,
    HsdsLanguage,
    HsdsLocation,
    HsdsOrganization,
    HsdsPage,
    HsdsPhone,
    HsdsSchedule,
    HsdsService,
    HsdsServiceArea,
    HsdsServiceAtLocation,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)
from app.hsds.repository import ServiceFilters, Slice, Window
from app.institutions.models import Institution, InstitutionPublic
from app.service_types import repository as service_type_repository
from app.service_types.models import ServiceType, ServiceTypePublic

HSDS_VERSION = "3.0"
TAXONOMY_CODE = "rcm_service_types"
TAXONOMY_NAME: LocalizedText = {
    "es": "Tipos de servicio del Directorio Regional de Protección (CRM)",
    "en": "Service types of the RCM Regional Protection Directory",
}
TAXONOMY_DESCRIPTION: LocalizedText = {
    "es": "La taxonomía controlada de servicios de protección para niñas, niños y adolescentes migrantes y "
    "refugiados; un tipo padre agrupa a sus hijos.",
    "en": "The controlled taxonomy of protection services for migrant and refugee children and adolescents; a "
    "parent type groups its children.",
}
FREE_OF_CHARGE: LocalizedText = {"es": "Gratuito.", "en": "Free of charge.", "fr": "Gratuit."}
OPEN_ALL_DAY: LocalizedText = {
    "es": "Abierto las 24 horas, todos los días.",
    "en": "Open 24 hours a day, every day.",
    "fr": "Ouvert 24 heures sur 24, tous les jours.",
}
STANDALONE_KIND = "service"
_PHONE_TYPES = {"voice": "voice", "hotline": "voice", "sms": "text", "whatsapp": "whatsapp"}
_DAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}

# The one-to-many parts of a service, left out of flat list items.
_NESTED_LISTS = ("phones", "schedules", "service_areas", "service_at_locations", "languages", "attributes")

Place = InstitutionPublic | EmergencyServicePublic


def page_of(items: list[Any], total: int, page: int, per_page: int) -> HsdsPage[Any]:
    total_pages = math.ceil(total / per_page)
    return HsdsPage(
        total_items=total,
        total_pages=total_pages,
        page_number=page,
        size=len(items),
        first_page=page == 1,
        last_page=page >= total_pages,
        empty=not items,
        contents=items,
    )


def _translated(localizer: Localizer, **fields: LocalizedText | None) -> dict[str, Any]:
    """The fields in the language asked for, with the rcm_translations / rcm_text_languages extension."""
    values: dict[str, Any] = {}
    translations: dict[str, dict[str, str]] = {}
    languages: dict[str, str] = {}
    for name, texts in fields.items():
        text, language = localizer.pick(texts)
        if texts and text is not None and language is not None:
            values[name] = text
            translations[name] = dict(sorted(texts.items()))
            languages[name] = language
    if translations:
        values["rcm_translations"] = translations
        values["rcm_text_languages"] = languages
    return values


@dataclass
class Builder:
    """Builds HSDS objects for one request: the language chosen, and the reference data (taxonomy, countries)."""

    localizer: Localizer
    service_types: dict[str, ServiceType]
    countries: dict[str, Country]
    # A record's public schema is built once per request, however many HSDS objects come from it.
    _institutions: dict[str, InstitutionPublic] = field(default_factory=dict)
    _emergency_services: dict[str, EmergencyServicePublic] = field(default_factory=dict)

    def public_institution(self, record: Institution) -> InstitutionPublic:
        if record.id not in self._institutions:
            self._institutions[record.id] = InstitutionPublic.build(record, self.localizer)
        return self._institutions[record.id]

    def public_emergency_service(self, record: EmergencyService) -> EmergencyServicePublic:
        if record.id not in self._emergency_services:
            self._emergency_services[record.id] = EmergencyServicePublic.build(record, self.localizer)
        return self._emergency_services[record.id]

    # Taxonomy

    def taxonomy(self) -> HsdsTaxonomy:
        texts = _translated(self.localizer, name=TAXONOMY_NAME, description=TAXONOMY_DESCRIPTION)
        return HsdsTaxonomy(id=TAXONOMY_ID, version="1", **texts)

    def term(self, service_type: ServiceType, *, with_taxonomy: bool = True) -> HsdsTaxonomyTerm:
        public = ServiceTypePublic.build(service_type, self.localizer)
        parent = self.service_types.get(public.parent_code) if public.parent_code else None
        texts = _translated(self.localizer, name=service_type.name, description=service_type.description)
        texts.setdefault("name", public.code)
        texts.setdefault("description", "")
        return HsdsTaxonomyTerm(
            id=public.id,
            code=public.code,
            parent_id=parent.id if parent else None,
            taxonomy=TAXONOMY_CODE,
            taxonomy_id=TAXONOMY_ID,
            taxonomy_detail=self.taxonomy() if with_taxonomy else None,
            language=public.name_language,
            **texts,
        )

    def attributes(self, service_id: str, codes: Sequence[str]) -> list[HsdsAttribute]:
        found = [self.service_types[code] for code in codes if code in self.service_types]
        return [
            HsdsAttribute(
                id=nested_id(service_id, "attribute", service_type.code),
                link_id=service_id,
                link_type="service_type",
                link_entity="service",
                taxonomy_term_id=service_type.id,
                value=service_type.code,
                taxonomy_term=self.term(service_type, with_taxonomy=False),
            )
            for service_type in found
        ]

    # Contact details

    @staticmethod
    def phones(phones: Sequence[PublicPhone], owner: str, **link: str) -> list[HsdsPhone]:
        return [
            HsdsPhone(
                id=nested_id(owner, "phone", str(position)),
                number=phone.number,
                type=_PHONE_TYPES.get(phone.kind.value, "voice"),
                description=phone.label,
                **link,
            )
            for position, phone in enumerate(phones)
        ]

    @staticmethod
    def location(place: Place, record_id: str, organization_id: str) -> HsdsLocation | None:
        """The public part of a record's place (the twin of repository.has_public_place); None when nothing of it
        is public. `place` is a public schema: a confidential location has no address or coordinates there."""
        if place.city is None and place.admin_area is None and place.address is None and place.latitude is None:
            return None
        location_id = nested_id(record_id, "location")
        addresses = None
        if place.address is not None or place.city is not None or place.admin_area is not None:
            address = HsdsAddress(
                id=nested_id(location_id, "address"),
                location_id=location_id,
                # HSDS requires these fields; what the directory does not hold (or hides) is an empty string.
                address_1=place.address or "",
                city=place.city or "",
                state_province=place.admin_area or "",
                postal_code="",
                country=place.country_code,
                address_type="physical",
            )
            addresses = [address]
        return HsdsLocation(
            id=location_id,
            location_type="physical",
            organization_id=organization_id,
            name=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            addresses=addresses,
            rcm_location_confidential=place.location_confidential,
        )

    def schedules(
        self,
        service_id: str,
        hours: OpeningHoursPublic | None,
        stored_hours: dict[str, Any] | None,
        time_zone: str | None,
        *,
        all_day: bool = False,
    ) -> list[HsdsSchedule]:
        if all_day:
            texts = _translated(self.localizer, description=OPEN_ALL_DAY)
            every_day = ",".join(_DAYS.values())
            return [
                HsdsSchedule(
                    id=nested_id(service_id, "schedule", "all_day"),
                    service_id=service_id,
                    freq="WEEKLY",
                    wkst="MO",
                    byday=every_day,
                    opens_at="00:00",
                    closes_at="23:59",
                    rcm_time_zone=time_zone,
                    **texts,
                )
            ]
        if hours is None:
            return []
        note = OpeningHours.model_validate(stored_hours).note if stored_hours else {}
        texts = _translated(self.localizer, description=note)
        return [
            HsdsSchedule(
                id=nested_id(service_id, "schedule", str(position)),
                service_id=service_id,
                freq="WEEKLY",
                wkst="MO",
                byday=_DAYS[period.day.value],
                opens_at=period.opens,
                closes_at=period.closes,
                rcm_time_zone=time_zone,
                **texts,
            )
            for position, period in enumerate(hours.periods)
        ]

    def service_areas(self, public: EmergencyServicePublic) -> list[HsdsServiceArea]:
        if public.coverage.national:
            country = self.countries.get(public.country_code)
            texts = _translated(self.localizer, name=country.name if country else None)
            texts.setdefault("name", public.country_code)
            area_id = nested_id(public.id, "service_area", "national")
            return [HsdsServiceArea(id=area_id, service_id=public.id, extent_type="country", **texts)]
        return [
            HsdsServiceArea(id=nested_id(public.id, "service_area", name), service_id=public.id, name=name)
            for name in public.coverage.admin_areas
        ]

    @staticmethod
    def languages(service_id: str, codes: Sequence[str]) -> list[HsdsLanguage]:
        return [
            HsdsLanguage(id=nested_id(service_id, "language", code), service_id=service_id, code=code) for code in codes
        ]

    @staticmethod
    def contact(public: FocalPointPublic, organization_id: str) -> HsdsContact:
        """A focal point as an organization contact: the institutional e-mail and phone, never the personal ones."""
        phone = public.public_contact.phone
        phones = [HsdsPhone(id=nested_id(public.id, "phone"), contact_id=public.id, number=phone)] if phone else None
        return HsdsContact(
            id=public.id,
            organization_id=organization_id,
            name=public.full_name,
            title=public.position,
            email=public.public_contact.email,
            phones=phones,
        )

    # Organizations

    def institution_organization(self, record: Institution) -> HsdsOrganization:
        public = self.public_institution(record)
        texts = _translated(self.localizer, description=record.description)
        texts.setdefault("description", "")
        return HsdsOrganization(
            id=public.id,
            name=public.name,
            alternate_name=public.acronym,
            email=public.email,
            website=public.website,
            rcm_country_code=public.country_code,
            rcm_kind=public.kind.value,
            rcm_demo=public.demo,
            **texts,
        )

    def standalone_organization(self, record: EmergencyService) -> HsdsOrganization:
        """The organization that stands for an emergency service with no published institution: its own name,
        description and phones, so that every HSDS service has an organization."""
        public = self.public_emergency_service(record)
        texts = _translated(self.localizer, description=record.description)
        texts.setdefault("description", "")
        return HsdsOrganization(
            id=twin_id(public.id, "organization"),
            name=public.name,
            rcm_country_code=public.country_code,
            rcm_kind=STANDALONE_KIND,
            rcm_demo=public.demo,
            **texts,
        )

    def full_institution_organization(
        self,
        record: Institution,
        emergency_services: Sequence[EmergencyService],
        focal_points: Sequence[FocalPoint],
        *,
        full_service: bool,
    ) -> HsdsOrganization:
        organization = self.institution_organization(record)
        public = self.public_institution(record)
        locations = [self.location(public, record.id, record.id)]
        for service in emergency_services:
            locations.append(self.location(self.public_emergency_service(service), service.id, record.id))
        services = [self.institution_service(record, full=full_service, with_organization=False)]
        services += [
            self.emergency_service(service, organization, full=full_service, with_organization=False)
            for service in emergency_services
        ]
        return organization.model_copy(
            update={
                "contacts": [self.contact(FocalPointPublic.build(point), record.id) for point in focal_points],
                "phones": self.phones(public.phones, f"organization/{record.id}", organization_id=record.id),
                "locations": [location for location in locations if location is not None],
                "services": services,
            }
        )

    def full_standalone_organization(self, record: EmergencyService, *, full_service: bool) -> HsdsOrganization:
        organization = self.standalone_organization(record)
        public = self.public_emergency_service(record)
        location = self.location(public, record.id, organization.id)
        service = self.emergency_service(record, organization, full=full_service, with_organization=False)
        return organization.model_copy(
            update={
                "phones": self.phones(
                    public.phones, f"organization/{organization.id}", organization_id=organization.id
                ),
                "locations": [location] if location else [],
                "services": [service],
            }
        )

    # Services

    def institution_service(self, record: Institution, *, full: bool, with_organization: bool = True) -> HsdsService:
        """The one service that stands for what an institution offers; its service types are its attributes."""
        public = self.public_institution(record)
        service_id = twin_id(public.id, "service")
        service = HsdsService(
            id=service_id,
            organization_id=public.id,
            name=public.name,
            alternate_name=public.acronym,
            url=public.website,
            email=public.email,
            status="active",
            minimum_age=public.min_age,
            maximum_age=public.max_age,
            assured_date=public.last_verified_at.date() if public.last_verified_at else None,
            last_modified=public.updated_at,
            organization=self.institution_organization(record) if with_organization else None,
            rcm_country_code=public.country_code,
            rcm_demo=public.demo,
            **_translated(self.localizer, description=record.description),
        )
        if not full:
            return service
        location = self.location(public, public.id, public.id)
        return service.model_copy(
            update={
                "phones": self.phones(public.phones, service_id, service_id=service_id),
                "schedules": self.schedules(service_id, public.opening_hours, record.opening_hours, public.time_zone),
                "service_at_locations": [self.service_at_location(public.id, service_id, location)] if location else [],
                "languages": self.languages(service_id, public.languages),
                "attributes": self.attributes(service_id, public.service_types),
            }
        )

    def emergency_service(
        self, record: EmergencyService, organization: HsdsOrganization, *, full: bool, with_organization: bool = True
    ) -> HsdsService:
        public = self.public_emergency_service(record)
        fees = FREE_OF_CHARGE if public.free_of_charge else None
        service = HsdsService(
            id=public.id,
            organization_id=organization.id,
            name=public.name,
            status="active",
            assured_date=public.last_verified_at.date() if public.last_verified_at else None,
            last_modified=public.updated_at,
            organization=organization if with_organization else None,
            rcm_country_code=public.country_code,
            rcm_demo=public.demo,
            **_translated(self.localizer, description=record.description, fees_description=fees),
        )
        if not full:
            return service
        location = self.location(public, public.id, organization.id)
        schedules = self.schedules(
            public.id, public.opening_hours, record.opening_hours, public.time_zone, all_day=public.available_24h
        )
        return service.model_copy(
            update={
                "phones": self.phones(public.phones, public.id, service_id=public.id),
                "schedules": schedules,
                "service_areas": self.service_areas(public),
                "service_at_locations": [self.service_at_location(public.id, public.id, location)] if location else [],
                "languages": self.languages(public.id, public.languages),
                "attributes": self.attributes(public.id, public.service_types),
            }
        )

    @staticmethod
    def service_at_location(record_id: str, service_id: str, location: HsdsLocation) -> HsdsServiceAtLocation:
        return HsdsServiceAtLocation(
            id=twin_id(record_id, "service_at_location"),
            service_id=service_id,
            location_id=location.id,
            location=location,
        )


async def builder(session: AsyncSession, localizer: Localizer) -> Builder:
    service_types = {service_type.code: service_type for service_type in await repository.service_types(session)}
    return Builder(localizer, service_types, await repository.countries(session))


async def _organizations_of(
    session: AsyncSession, build: Builder, records: Sequence[EmergencyService]
) -> dict[str, HsdsOrganization]:
    """The organization of each emergency service: its published institution, or the one standing for it."""
    institutions = await repository.institutions_by_id(session, [r.institution_id for r in records if r.institution_id])
    found: dict[str, HsdsOrganization] = {}
    for record in records:
        institution = institutions.get(record.institution_id or "")
        if institution is not None:
            found[record.id] = build.institution_organization(institution)
        else:
            found[record.id] = build.standalone_organization(record)
    return found


def minimal(service: HsdsService) -> HsdsService:
    return HsdsService(id=service.id, name=service.name, status=service.status, last_modified=service.last_modified)


async def _services_of(session: AsyncSession, build: Builder, found: Slice, *, full: bool) -> list[HsdsService]:
    organizations = await _organizations_of(session, build, found.emergency_services)
    services = [build.institution_service(record, full=full) for record in found.institutions]
    services += [build.emergency_service(r, organizations[r.id], full=full) for r in found.emergency_services]
    return services


async def resolve_service_filters(
    session: AsyncSession,
    build: Builder,
    *,
    search: str | None,
    taxonomy_term_id: str | None,
    taxonomy_id: str | None,
    organization_id: str | None,
    modified_after: datetime | None,
) -> ServiceFilters:
    """The filters of a service list, with taxonomy ids checked and a term expanded to the terms below it."""
    codes: set[str] | None = None
    if taxonomy_id is not None and taxonomy_id != TAXONOMY_ID:
        raise InvalidParameterError("query", "taxonomy_id", f"unknown taxonomy; this API has one: '{TAXONOMY_ID}'")
    if taxonomy_term_id is not None:
        by_id = {service_type.id: service_type.code for service_type in build.service_types.values()}
        if taxonomy_term_id not in by_id:
            raise InvalidParameterError(
                "query", "taxonomy_term_id", "unknown taxonomy term: see GET /hsds/taxonomy_terms"
            )
        codes, _ = await service_type_repository.expand_with_descendants(session, [by_id[taxonomy_term_id]])
    if modified_after is not None and modified_after.tzinfo is None:
        modified_after = modified_after.replace(tzinfo=UTC)
    return ServiceFilters(
        q=search,
        service_types=codes,
        organization_id=organization_id,
        standalone_service_id=record_id_of(organization_id, "organization") if organization_id else None,
        modified_after=modified_after,
    )


async def list_services(
    session: AsyncSession, build: Builder, filters: ServiceFilters, window: Window, *, full: bool, minimal_only: bool
) -> tuple[list[HsdsService], int]:
    found = await repository.services(session, filters, window)
    services = await _services_of(session, build, found, full=full and not minimal_only)
    if minimal_only:
        services = [minimal(service) for service in services]
    return services, found.total


async def get_service(session: AsyncSession, build: Builder, service_id: str) -> HsdsService:
    emergency = await repository.emergency_service(session, service_id)
    if emergency is not None:
        organization = (await _organizations_of(session, build, [emergency]))[emergency.id]
        return build.emergency_service(emergency, organization, full=True)
    institution_id = record_id_of(service_id, "service")
    institution = await repository.institution(session, institution_id) if institution_id else None
    if institution is not None:
        return build.institution_service(institution, full=True)
    raise NotFoundError(f"No published service with id '{service_id}'.")


async def list_organizations(
    session: AsyncSession, build: Builder, search: str | None, window: Window, *, full: bool, full_service: bool
) -> tuple[list[HsdsOrganization], int]:
    found = await repository.organizations(session, search, window)
    if not full and not full_service:
        organizations = [build.institution_organization(record) for record in found.institutions]
        organizations += [build.standalone_organization(record) for record in found.emergency_services]
        return organizations, found.total
    ids = [record.id for record in found.institutions]
    emergency = await repository.emergency_services_of(session, ids)
    focal_points = await repository.focal_points_of(session, ids)
    organizations = [
        build.full_institution_organization(
            record,
            [service for service in emergency if service.institution_id == record.id],
            [point for point in focal_points if point.institution_id == record.id],
            full_service=full_service,
        )
        for record in found.institutions
    ]
    organizations += [
        build.full_standalone_organization(record, full_service=full_service) for record in found.emergency_services
    ]
    return organizations, found.total


async def get_organization(
    session: AsyncSession, build: Builder, organization_id: str, *, full_service: bool
) -> HsdsOrganization:
    institution = await repository.institution(session, organization_id)
    if institution is not None:
        emergency = await repository.emergency_services_of(session, [institution.id])
        focal_points = await repository.focal_points_of(session, [institution.id])
        return build.full_institution_organization(institution, emergency, focal_points, full_service=full_service)
    service_id = record_id_of(organization_id, "organization")
    emergency_service = await repository.emergency_service(session, service_id) if service_id else None
    if emergency_service is not None:
        organizations = await _organizations_of(session, build, [emergency_service])
        if organizations[emergency_service.id].id == organization_id:
            return build.full_standalone_organization(emergency_service, full_service=full_service)
    raise NotFoundError(f"No published organization with id '{organization_id}'.")


def _at_location(service: HsdsService) -> HsdsServiceAtLocation:
    """The service_at_location of a fully built service, with the service (without its own links) nested."""
    assert service.service_at_locations, "listed only when the service has a public location"
    link = service.service_at_locations[0]
    return link.model_copy(update={"service": service.model_copy(update={"service_at_locations": None})})


async def list_service_at_locations(
    session: AsyncSession, build: Builder, filters: ServiceFilters, window: Window, *, full: bool
) -> tuple[list[HsdsServiceAtLocation], int]:
    found = await repository.services(session, filters, window)
    services = await _services_of(session, build, found, full=True)
    links = [_at_location(service) for service in services]
    if not full:
        links = [link.model_copy(update={"service": _flat(link.service)}) for link in links]
    return links, found.total


def _flat(service: HsdsService | None) -> HsdsService | None:
    if service is None:
        return None
    return service.model_copy(update=dict.fromkeys(_NESTED_LISTS))


async def get_service_at_location(session: AsyncSession, build: Builder, link_id: str) -> HsdsServiceAtLocation:
    record_id = record_id_of(link_id, "service_at_location")
    service: HsdsService | None = None
    if record_id is not None:
        emergency = await repository.emergency_service(session, record_id)
        institution = None if emergency else await repository.institution(session, record_id)
        if emergency is not None:
            organization = (await _organizations_of(session, build, [emergency]))[emergency.id]
            service = build.emergency_service(emergency, organization, full=True)
        elif institution is not None:
            service = build.institution_service(institution, full=True)
    if service is None or not service.service_at_locations:
        raise NotFoundError(f"No published service_at_location with id '{link_id}'.")
    return _at_location(service)


# Taxonomy


def _matches(search: str | None, *texts: LocalizedText | str | None) -> bool:
    terms = search_terms(search or "")
    if not terms:
        return True
    parts = [text for item in texts if item for text in (item.values() if isinstance(item, dict) else [item])]
    # As the database indexes answer for records (app.core.search): each term starts a word.
    document = words("\n".join(parts))
    return all(any(word.startswith(term) for word in document) for term in terms)


def list_taxonomies(build: Builder, search: str | None) -> list[HsdsTaxonomy]:
    if not _matches(search, TAXONOMY_NAME, TAXONOMY_DESCRIPTION, TAXONOMY_CODE):
        return []
    return [build.taxonomy()]


def get_taxonomy(build: Builder, taxonomy_id: str) -> HsdsTaxonomy:
    if taxonomy_id != TAXONOMY_ID:
        raise NotFoundError(f"No taxonomy with id '{taxonomy_id}'.")
    return build.taxonomy()


def list_terms(
    build: Builder, search: str | None, taxonomy_id: str | None, top_only: bool, parent_id: str | None
) -> list[HsdsTaxonomyTerm]:
    if taxonomy_id is not None and taxonomy_id != TAXONOMY_ID:
        raise InvalidParameterError("query", "taxonomy_id", f"unknown taxonomy; this API has one: '{TAXONOMY_ID}'")
    by_id = {service_type.id: service_type for service_type in build.service_types.values()}
    parent_code: str | None = None
    if parent_id is not None:
        if parent_id not in by_id:
            raise InvalidParameterError("query", "parent_id", "unknown taxonomy term: see GET /hsds/taxonomy_terms")
        parent_code = by_id[parent_id].code
    return [
        build.term(service_type)
        for service_type in build.service_types.values()
        if (not top_only or service_type.parent_code is None)
        and (parent_code is None or service_type.parent_code == parent_code)
        and _matches(search, service_type.code, service_type.name, service_type.description)
    ]


def get_term(build: Builder, term_id: str) -> HsdsTaxonomyTerm:
    for service_type in build.service_types.values():
        if service_type.id == term_id:
            return build.term(service_type)
    raise NotFoundError(f"No taxonomy term with id '{term_id}'.")
