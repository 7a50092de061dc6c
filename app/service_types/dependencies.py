from typing import Annotated

from fastapi import Depends, Query

from app.core.db import SessionDep
from app.core.directory_version import DirectoryVersionDep
from app.core.errors import InvalidParameterError
from app.service_types import repository


async def _service_type_filter(
    session: SessionDep,
    version: DirectoryVersionDep,
    service_type: Annotated[
        list[str] | None,
        Query(
            description="Service-type codes (repeatable, any-of). A parent type also matches its children: "
            "`emergency_response` matches `emergency_hotline`. See GET /service-types.",
            examples=[["emergency_response"]],
        ),
    ] = None,
) -> set[str] | None:
    codes = {code.strip().lower() for code in service_type or () if code.strip()}
    if not codes:
        return None
    children = await version.remembered("service_type_tree", lambda: repository.tree(session))
    expanded, unknown = repository.expand(children, codes)
    if unknown:
        raise InvalidParameterError("query", "service_type", f"unknown service-type code(s): {', '.join(unknown)}")
    return expanded


ServiceTypeFilterDep = Annotated[set[str] | None, Depends(_service_type_filter)]
