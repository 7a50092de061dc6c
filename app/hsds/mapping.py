"""The directory seen through HSDS 3.0: institutions and emergency services mapped to organizations, services,
locations, phones and contacts; the service types to one taxonomy. Only mapping: the records come from
app.hsds.service, which reads them.

Every object is built from the public schemas (InstitutionPublic, EmergencyServicePublic, FocalPointPublic,
ServiceTypePublic), so the confidentiality rules hold here as they do in the JSON API: a confidential location
shows its city and area only, and a focal point shows its institutional contact only. The only stored fields read
beside them are the translations of public texts, for the rcm_translations extension.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.contact import OpeningHours, OpeningHoursPublic
from app.core.contact import Phone as PublicPhone
from app.core.i18n import LocalizedText, Localizer
from app.countries.models import Country
from app.emergency_services.models import EmergencyService, EmergencyServicePublic
from app.focal_points.models import FocalPoint, FocalPointPublic
from app.hsds.ids import TAXONOMY_ID, nested_id, twin_id
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
from app.institutions.models import Institution, InstitutionPublic
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

    def fresh(self) -> "Builder":
        """The same language and reference data, without the records built so far: one per page of a long list."""
        return Builder(self.localizer, self.service_types, self.countries)

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


def minimal(service: HsdsService) -> HsdsService:
    return HsdsService(id=service.id, name=service.name, status=service.status, last_modified=service.last_modified)


def at_location(service: HsdsService) -> HsdsServiceAtLocation:
    """The service_at_location of a fully built service, with the service (without its own links) nested."""
    assert service.service_at_locations, "listed only when the service has a public location"
    link = service.service_at_locations[0]
    return link.model_copy(update={"service": service.model_copy(update={"service_at_locations": None})})


def flat(service: HsdsService | None) -> HsdsService | None:
    if service is None:
        return None
    return service.model_copy(update=dict.fromkeys(_NESTED_LISTS))
