from typing import Annotated

from fastapi import Depends

from app.auth.dependencies import CuratorUser
from app.countries.dependencies import CountryFilterDep
from app.reports.dependencies import scoped_countries


async def _reconfirmation_countries(user: CuratorUser, requested: CountryFilterDep) -> list[str] | None:
    return scoped_countries(user, requested, "re-confirmations")


ReconfirmationCountriesDep = Annotated[list[str] | None, Depends(_reconfirmation_countries)]
