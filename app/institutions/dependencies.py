from typing import Annotated

from fastapi import Depends, Query

from app.core.db import SessionDep
from app.core.errors import InvalidParameterError
from app.core.filters import LanguageSpokenQuery
from app.core.geo import NearDep
from app.core.i18n import validated_language_tags
from app.core.vocabulary import Population
from app.countries import repository as country_repository
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


async def institution_filters(
    listed: records.ListedByHoursDep,
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
) -> InstitutionFilters:
    return InstitutionFilters(
        **vars(listed),
        service_types=service_types,
        kinds=[k.value for k in kind] if kind else None,
        populations=[p.value for p in population] if population else None,
        age=age,
        languages=validated_language_tags("language", language),
        emergency_response=emergency_response,
        nationalities=nationalities,
        near=near,
    )


LOOKUPS = records.record_lookups(Institution, "institution_id")
