from typing import Annotated

from fastapi import Depends

from app.auth.dependencies import EditorUser
from app.countries.dependencies import CountryFilterDep
from app.reports.dependencies import scoped_countries


async def _reconfirmation_countries(user: EditorUser, requested: CountryFilterDep) -> list[str] | None:
    return scoped_countries(user, requested, "re-confirmations")


ReconfirmationCountriesDep = Annotated[list[str] | None, Depends(_reconfirmation_countries)]
