"""The data of each page, gathered through the domains' repositories and shown through their public schemas,
so a page shows exactly what the API shows: confidential locations and personal contacts never reach a template.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import ceil

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.throttle import LoginThrottle
from app.core.config import Settings
from app.core.errors import InvalidParameterError
from app.core.i18n import Localizer
from app.core.pagination import PageParams
from app.core.query import CommonFilters
from app.countries import repository as countries
from app.countries.models import Country, CountryPublic, RecordCounts
from app.emergency_services import repository as emergency_services
from app.emergency_services.models import EmergencyService, EmergencyServicePublic
from app.emergency_services.repository import EmergencyServiceFilters
from app.focal_points import repository as focal_points
from app.focal_points.models import FocalPointPublic
from app.focal_points.repository import FocalPointFilters
from app.institutions import repository as institutions
from app.institutions.models import Institution, InstitutionPublic
from app.institutions.repository import InstitutionFilters
from app.protection_systems import repository as protection_systems
from app.protection_systems.models import ProtectionSystemPublic
from app.records import repository as records
from app.reports import service as reports
from app.reports.models import ReportCreate
from app.reports.records import RecordType
from app.service_types import repository as service_types
from app.service_types.models import ServiceTypePublic
from app.site import repository
from app.site.dependencies import ReportForm, SearchParams
from app.stats import repository as stats

PAGE_SIZE = 20
# A country page lists up to this many records of each kind; beyond that it links to the search.
COUNTRY_LIMIT = 100
_ALL = PageParams(limit=1000, offset=0)


@dataclass(frozen=True)
class Taxonomy:
    """The service types in display order, with each one's top-level type (a parent also covers its children)."""

    types: list[ServiceTypePublic]
    by_code: dict[str, ServiceTypePublic] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)

    @classmethod
    async def load(cls, session: AsyncSession, localizer: Localizer) -> "Taxonomy":
        records, _ = await service_types.list_service_types(session, _ALL)
        types = [ServiceTypePublic.build(record, localizer) for record in records]
        by_code = {item.code: item for item in types}
        roots: dict[str, str] = {}
        for item in types:
            root, seen = item, {item.code}
            while root.parent_code in by_code and root.parent_code not in seen:
                root = by_code[root.parent_code]
                seen.add(root.code)
            roots[item.code] = root.code
        return cls(types=types, by_code=by_code, roots=roots)

    def tree(self) -> list[tuple[ServiceTypePublic, list[ServiceTypePublic]]]:
        """The top-level types, each with the types directly under it."""
        return [
            (item, [child for child in self.types if child.parent_code == item.code])
            for item in self.types
            if item.parent_code not in self.by_code
        ]

    def options(self) -> list[tuple[str, str]]:
        """(code, name) for a select, children marked under their parent."""
        return [(item.code, f"— {item.name}" if item.parent_code else item.name or item.code) for item in self.types]

    def name(self, code: str) -> str:
        item = self.by_code.get(code)
        return (item.name if item else None) or code

    def in_order(self, codes: Sequence[str]) -> list[str]:
        """The codes in display order (records keep theirs alphabetically), unknown ones last."""
        position = {item.code: index for index, item in enumerate(self.types)}
        return sorted(codes, key=lambda code: (position.get(code, len(position)), code))


@dataclass(frozen=True)
class Layout:
    """What every page shows around its content."""

    demo: bool


async def layout(session: AsyncSession) -> Layout:
    return Layout(demo=await repository.holds_demo_data(session))


async def _countries(session: AsyncSession, localizer: Localizer) -> list[CountryPublic]:
    records, _ = await countries.list_countries(session, _ALL)
    counts = await stats.record_counts(session)
    found = [CountryPublic.build(country, counts.get(country.code, RecordCounts()), localizer) for country in records]
    return sorted(found, key=lambda country: (country.name or country.code).casefold())


@dataclass(frozen=True)
class HomePage:
    countries: list[CountryPublic]
    taxonomy: Taxonomy


async def home_page(session: AsyncSession, localizer: Localizer) -> HomePage:
    return HomePage(countries=await _countries(session, localizer), taxonomy=await Taxonomy.load(session, localizer))


@dataclass(frozen=True)
class InstitutionGroup:
    service_type: ServiceTypePublic
    institutions: list[InstitutionPublic]


@dataclass(frozen=True)
class CountryPage:
    country: CountryPublic
    taxonomy: Taxonomy
    emergency_services: list[EmergencyServicePublic]
    emergency_total: int
    groups: list[InstitutionGroup]
    institutions_total: int
    protection_systems: list[ProtectionSystemPublic]
    focal_points: list[FocalPointPublic]
    institution_names: dict[str, str]
    system_names: dict[str, str]


def _group_by_service_type(found: Sequence[InstitutionPublic], taxonomy: Taxonomy) -> list[InstitutionGroup]:
    """One group per top-level service type, in taxonomy order. An institution shows once, in the group of its
    first type in that order (its other types are tags beside it): listed under each of its types, one that
    offers many filled a phone's screen several times over."""
    members: dict[str, list[InstitutionPublic]] = {}
    for institution in found:
        ordered = taxonomy.in_order(institution.service_types)
        if ordered:
            members.setdefault(taxonomy.roots.get(ordered[0], ordered[0]), []).append(institution)
    return [
        InstitutionGroup(service_type=item, institutions=members[item.code])
        for item in taxonomy.types
        if item.code in members
    ]


async def country_page(session: AsyncSession, country: Country, localizer: Localizer) -> CountryPage:
    code = country.code
    taxonomy = await Taxonomy.load(session, localizer)
    counts = await stats.record_counts(session, code)
    page = PageParams(limit=COUNTRY_LIMIT, offset=0)

    found_services, emergency_total = await emergency_services.list_public(
        session, EmergencyServiceFilters(countries=[code]), page
    )
    services = [EmergencyServicePublic.build(record, localizer) for record, _ in found_services]
    # Round-the-clock national lines first: what someone in danger needs now, wherever they are.
    services.sort(key=lambda service: (not service.available_24h, not service.coverage.national))

    found_institutions, institutions_total = await institutions.list_public(
        session, InstitutionFilters(countries=[code]), page
    )
    shown = [InstitutionPublic.build(record, localizer) for record, _ in found_institutions]

    systems, _ = await protection_systems.list_public(session, CommonFilters(countries=[code]), page)
    points, _ = await focal_points.list_public(session, FocalPointFilters(countries=[code]), page)
    return CountryPage(
        country=CountryPublic.build(country, counts.get(code, RecordCounts()), localizer),
        taxonomy=taxonomy,
        emergency_services=services,
        emergency_total=emergency_total,
        groups=_group_by_service_type(shown, taxonomy),
        institutions_total=institutions_total,
        protection_systems=[ProtectionSystemPublic.build(system, localizer) for system in systems],
        focal_points=[FocalPointPublic.build(point) for point in points],
        institution_names={institution.id: institution.name for institution in shown},
        system_names={system.id: system.name for system in systems},
    )


@dataclass(frozen=True)
class SearchPage:
    params: SearchParams
    countries: list[CountryPublic]
    taxonomy: Taxonomy
    institutions: list[InstitutionPublic]
    institutions_total: int
    emergency_services: list[EmergencyServicePublic]
    emergency_total: int
    pages: int

    @property
    def country_names(self) -> dict[str, str]:
        return {country.code: country.name or country.code for country in self.countries}


async def search_page(session: AsyncSession, params: SearchParams, localizer: Localizer) -> SearchPage:
    """Institutions with the API's filters; beside them, on the same pages, the emergency services that match
    the filters they have (country, service type, words): an emergency line serves every age and population."""
    page = PageParams(limit=PAGE_SIZE, offset=(params.page - 1) * PAGE_SIZE)
    institution_filters = InstitutionFilters(
        countries=params.countries,
        q=params.q,
        service_types=params.service_types,
        populations=params.populations,
        age=params.age,
    )
    found_institutions, institutions_total = await institutions.list_public(session, institution_filters, page)
    service_filters = EmergencyServiceFilters(
        countries=params.countries, q=params.q, service_types=params.service_types
    )
    found_services, emergency_total = await emergency_services.list_public(session, service_filters, page)
    return SearchPage(
        params=params,
        countries=await _countries(session, localizer),
        taxonomy=await Taxonomy.load(session, localizer),
        institutions=[InstitutionPublic.build(record, localizer) for record, _ in found_institutions],
        institutions_total=institutions_total,
        emergency_services=[EmergencyServicePublic.build(record, localizer) for record, _ in found_services],
        emergency_total=emergency_total,
        pages=max(1, ceil(max(institutions_total, emergency_total) / PAGE_SIZE)),
    )


@dataclass(frozen=True)
class InstitutionPage:
    institution: InstitutionPublic
    country: CountryPublic
    taxonomy: Taxonomy
    country_names: dict[str, str]


async def institution_page(session: AsyncSession, record: Institution, localizer: Localizer) -> InstitutionPage:
    every_country = await _countries(session, localizer)
    country = next(country for country in every_country if country.code == record.country_code)
    return InstitutionPage(
        institution=InstitutionPublic.build(record, localizer),
        country=country,
        taxonomy=await Taxonomy.load(session, localizer),
        country_names={country.code: country.name or country.code for country in every_country},
    )


@dataclass(frozen=True)
class EmergencyServicePage:
    service: EmergencyServicePublic
    country: CountryPublic
    taxonomy: Taxonomy
    institution: InstitutionPublic | None


async def emergency_service_page(
    session: AsyncSession, record: EmergencyService, localizer: Localizer
) -> EmergencyServicePage:
    every_country = await _countries(session, localizer)
    country = next(country for country in every_country if country.code == record.country_code)
    runner = await records.get_public(session, Institution, record.institution_id) if record.institution_id else None
    return EmergencyServicePage(
        service=EmergencyServicePublic.build(record, localizer),
        country=country,
        taxonomy=await Taxonomy.load(session, localizer),
        institution=InstitutionPublic.build(runner, localizer) if runner else None,
    )


async def submit_report(
    session: AsyncSession,
    settings: Settings,
    throttle: LoginThrottle,
    record_type: RecordType,
    record_id: str,
    form: ReportForm,
    client_address: str,
) -> None:
    """The form's report, checked as POST /api/v1/reports checks it."""
    try:
        data = ReportCreate(record_type=record_type, record_id=record_id, reason=form.reason, text=form.text)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise InvalidParameterError("body", str(first["loc"][0]), first["msg"]) from None
    await reports.submit(session, settings, throttle, data, client_address)
