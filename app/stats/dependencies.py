from typing import Annotated

from fastapi import Depends

from app.auth.dependencies import CurrentUser
from app.auth.models import Role
from app.core.db import SessionDep
from app.core.errors import ForbiddenError
from app.countries.dependencies import CountryFilterDep
from app.stats import repository
from app.stats.service import CoverageScope


async def _coverage_scope(user: CurrentUser, session: SessionDep, requested: CountryFilterDep) -> CoverageScope:
    """The countries the answer covers: those the account may read, narrowed by `country`.

    Asking for a country the account may not read is refused (403) rather than silently left out, so that an
    answer never looks complete when it is not.
    """
    if requested is not None:
        refused = [code for code in requested if not user.may_read_country(code)]
        if refused:
            raise ForbiddenError(f"Your account may not read country data of: {', '.join(refused)}.")
        return CoverageScope(countries=requested, requested=requested)
    readable = None if user.role == Role.admin else user.countries
    return CoverageScope(countries=await repository.country_codes(session, readable), requested=None)


CoverageScopeDep = Annotated[CoverageScope, Depends(_coverage_scope)]
