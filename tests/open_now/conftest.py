from collections.abc import Callable
from datetime import datetime

import pytest
from fastapi import FastAPI

from app.core import clock
from app.core.http import response_cache

SetClock = Callable[[datetime], None]


@pytest.fixture
def set_clock(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> SetClock:
    """Fix the moment the app answers for: the routes' clock and the response cache's, which keys answers by it."""

    def set_to(moment: datetime) -> None:
        async def fixed() -> datetime:
            return moment

        app.dependency_overrides[clock.now] = fixed
        monkeypatch.setattr(response_cache, "utcnow", lambda: moment)

    return set_to
