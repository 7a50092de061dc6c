from typing import Annotated

from fastapi import Depends, Path, Query

from app.core.clock import ClockDep
from app.core.db import SessionDep
from app.core.errors import InvalidParameterError
from app.core.filters import LanguageSpokenQuery, OpenNowQuery, SearchQuery, StatusQuery, VerifiedSinceQuery
from app.core.geo import NearDep
from app.core.i18n import validated_language_tags
from app.core.vocabulary import Population, RecordStatus
from app.countries import repository as country_repository
from app.countries.dependencies import CountryFilterDep
from app.institutions.models import Institution, InstitutionKind
from app.institutions.repository import InstitutionFilters
from app.records import dependencies as records
from app.service_types.dependencies import ServiceTypeFilterDep


async def _nationality_filter(
    session: SessionDep,
    nationality: Annotated[
        list[str] | None,
        Query(
            description="Only institutions that assist people of these nationalities (`nationalities_served`; "
            "ISO 3166-1 alpha-2 codes, any case; repeatable, any-of). With `kind=consulate` and `near`: where is "
            "my consulate.",
            examples=[["HN"]],
        ),
    ] = None,
) -> list[str] | None:
    codes = sorted({code.strip().upper() for code in nationality or () if code.strip()})
    if not codes:
        return None
    unknown = await country_repository.unknown_codes(session, codes)
    if unknown:
        raise InvalidParameterError("query", "nationality", f"unknown country code(s): {', '.join(unknown)}")
    return codes


NationalityFilterDep = Annotated[list[str] | None, Depends(_nationality_filter)]


async def _institution_filters(
    countries: CountryFilterDep,
    now: ClockDep,
    service_types: ServiceTypeFilterDep,
    nationalities: NationalityFilterDep,
    near: NearDep,
    language: LanguageSpokenQuery = None,
    kind: Annotated[
        list[InstitutionKind] | None, Query(description="Kinds of institution (repeatable, any-of).")
    ] = None,
    population: Annotated[
        list[Population] | None, Query(description="Populations served (repeatable, any-of).")
    ] = None,
    age: Annotated[
        int | None,
        Query(ge=0, le=120, description="Only institutions that serve a person of this age (years)."),
    ] = None,
    emergency_response: Annotated[
        bool | None,
        Query(description="Only institutions that do (true) or do not (false) give rapid or emergency response."),
    ] = None,
    status: StatusQuery = RecordStatus.active,
    verified_since: VerifiedSinceQuery = None,
    q: SearchQuery = None,
    open_now: OpenNowQuery = None,
) -> InstitutionFilters:
    return InstitutionFilters(
        countries=countries,
        status=status,
        verified_since=verified_since,
        q=q,
        now=now,
        open_now=open_now,
        service_types=service_types,
        kinds=[k.value for k in kind] if kind else None,
        populations=[p.value for p in population] if population else None,
        age=age,
        languages=validated_language_tags("language", language),
        emergency_response=emergency_response,
        nationalities=nationalities,
        near=near,
    )


InstitutionId = Annotated[str, Path(max_length=64, description="The institution's id.")]


async def _published_institution(session: SessionDep, institution_id: InstitutionId) -> Institution:
    return await records.published(session, Institution, institution_id)


async def editable_institution(session: SessionDep, institution_id: InstitutionId) -> Institution:
    return await records.editable(session, Institution, institution_id)


InstitutionFiltersDep = Annotated[InstitutionFilters, Depends(_institution_filters)]
PublishedInstitutionDep = Annotated[Institution, Depends(_published_institution)]
