from typing import Annotated

from fastapi import Depends, Path, Query

from app.core.db import SessionDep
from app.core.directory_version import DirectoryVersionDep
from app.core.errors import InvalidParameterError, found
from app.countries import repository
from app.countries.models import Country


async def _country_from_path(
    session: SessionDep,
    code: Annotated[
        str,
        Path(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code, any case.", examples=["GT"]),
    ],
) -> Country:
    return found(await repository.get_country(session, code.upper()), f"country with code '{code.upper()}'")


async def _country_filter(
    session: SessionDep,
    version: DirectoryVersionDep,
    country: Annotated[
        list[str] | None,
        Query(description="ISO 3166-1 alpha-2 codes, any case (repeatable, any-of).", examples=[["GT", "HN"]]),
    ] = None,
) -> list[str] | None:
    codes = sorted({code.strip().upper() for code in country or () if code.strip()})
    if not codes:
        return None
    known = await version.remembered("country_codes", lambda: repository.all_codes(session))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise InvalidParameterError("query", "country", f"unknown country code(s): {', '.join(unknown)}")
    return codes


CountryDep = Annotated[Country, Depends(_country_from_path)]
CountryFilterDep = Annotated[list[str] | None, Depends(_country_filter)]
