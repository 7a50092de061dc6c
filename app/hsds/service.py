"""The HSDS reads: which records a request asks for (app.hsds.repository), mapped by app.hsds.mapping; whole lists
written out page by page (format=ndjson) into snapshot files."""

import asyncio
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import InvalidParameterError, NotFoundError
from app.core.i18n import LocalizedText, Localizer
from app.core.snapshots import Build, SnapshotWriter
from app.core.text import search_terms, words
from app.emergency_services.models import EmergencyService
from app.hsds import repository
from app.hsds.ids import TAXONOMY_ID, record_id_of
from app.hsds.mapping import TAXONOMY_CODE, TAXONOMY_DESCRIPTION, TAXONOMY_NAME, Builder, at_location, flat, minimal
from app.hsds.models import (
    HsdsOrganization,
    HsdsService,
    HsdsServiceAtLocation,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)
from app.hsds.repository import ServiceFilters, Slice, Window
from app.service_types import repository as service_type_repository

# Records read per query when a whole list is written out (format=ndjson): a page of fully nested services holds
# tens of kilobytes of objects per record until it is written.
STREAM_PAGE = 200


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
    return ServiceFilters(
        q=search,
        service_types=codes,
        organization_id=organization_id,
        standalone_service_id=record_id_of(organization_id, "organization") if organization_id else None,
        modified_after=modified_after,
    )


async def services_of(
    session: AsyncSession, build: Builder, found: Slice, *, full: bool, minimal_only: bool
) -> list[HsdsService]:
    services = await _services_of(session, build, found, full=full and not minimal_only)
    return [minimal(service) for service in services] if minimal_only else services


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


async def organizations_of(
    session: AsyncSession, build: Builder, found: Slice, *, full: bool, full_service: bool
) -> list[HsdsOrganization]:
    if not full and not full_service:
        organizations = [build.institution_organization(record) for record in found.institutions]
        organizations += [build.standalone_organization(record) for record in found.emergency_services]
        return organizations
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
    return organizations


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


async def service_at_locations_of(
    session: AsyncSession, build: Builder, found: Slice, *, full: bool
) -> list[HsdsServiceAtLocation]:
    services = await _services_of(session, build, found, full=True)
    links = [at_location(service) for service in services]
    if not full:
        links = [link.model_copy(update={"service": flat(link.service)}) for link in links]
    return links


T = TypeVar("T", bound=BaseModel)


class Listing(ABC, Generic[T]):
    """One HSDS list with its parameters: a window of it, or all of it a page at a time (format=ndjson). The
    fields are the parameters as resolved, so that spellings of the same question share one snapshot."""

    @abstractmethod
    async def window(self, session: AsyncSession, window: Window) -> Slice: ...

    @abstractmethod
    def every(self, session: AsyncSession, size: int) -> AsyncIterator[Slice]: ...

    @abstractmethod
    async def items(self, session: AsyncSession, build: Builder, found: Slice) -> list[T]: ...

    async def page(self, session: AsyncSession, build: Builder, window: Window) -> tuple[list[T], int]:
        found = await self.window(session, window)
        return await self.items(session, build, found), found.total

    async def pages(self, session: AsyncSession, build: Builder) -> AsyncIterator[list[T]]:
        """Every item, a page at a time, in the order of `page`."""
        async for found in self.every(session, STREAM_PAGE):
            yield await self.items(session, build.fresh(), found)


@dataclass(frozen=True)
class _OfServices(Listing[T]):
    """The lists read from the services' records (one per institution, one per emergency service)."""

    filters: ServiceFilters

    async def window(self, session: AsyncSession, window: Window) -> Slice:
        return await repository.services(session, self.filters, window)

    def every(self, session: AsyncSession, size: int) -> AsyncIterator[Slice]:
        return repository.all_services(session, self.filters, size)


@dataclass(frozen=True)
class Services(_OfServices[HsdsService]):
    full: bool
    minimal: bool

    async def items(self, session: AsyncSession, build: Builder, found: Slice) -> list[HsdsService]:
        return await services_of(session, build, found, full=self.full, minimal_only=self.minimal)


@dataclass(frozen=True)
class ServiceAtLocations(_OfServices[HsdsServiceAtLocation]):
    """`filters` ask for a location."""

    full: bool

    async def items(self, session: AsyncSession, build: Builder, found: Slice) -> list[HsdsServiceAtLocation]:
        return await service_at_locations_of(session, build, found, full=self.full)


@dataclass(frozen=True)
class Organizations(Listing[HsdsOrganization]):
    search: str | None
    full: bool
    full_service: bool

    async def window(self, session: AsyncSession, window: Window) -> Slice:
        return await repository.organizations(session, self.search, window)

    def every(self, session: AsyncSession, size: int) -> AsyncIterator[Slice]:
        return repository.all_organizations(session, self.search, size)

    async def items(self, session: AsyncSession, build: Builder, found: Slice) -> list[HsdsOrganization]:
        return await organizations_of(session, build, found, full=self.full, full_service=self.full_service)


# Whole lists as NDJSON

Pages = Callable[[AsyncSession, Builder], AsyncIterator[Sequence[BaseModel]]]


def _lines(items: Sequence[BaseModel]) -> bytes:
    return b"".join(item.model_dump_json(exclude_none=True).encode() + b"\n" for item in items)


def ndjson_snapshot(pages: Pages) -> Build:
    """The build of a whole list as NDJSON (one JSON object per line), written a page at a time."""

    async def build(session: AsyncSession, localizer: Localizer, writer: SnapshotWriter) -> dict[str, str]:
        async for items in pages(session, await builder(session, localizer)):
            await writer.write(await asyncio.to_thread(_lines, items))
        return {}

    return build


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
    return at_location(service)


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
