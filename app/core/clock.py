"""The current moment as a dependency: answers that depend on the time (open now, valid until) take it from here,
and tests replace it (`app.dependency_overrides[now] = ...`) to answer for any instant."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends

from app.core.types import utcnow


async def now() -> datetime:
    return utcnow()


ClockDep = Annotated[datetime, Depends(now)]
