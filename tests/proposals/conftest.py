"""The accounts and helpers of the curation tests, shared here, and review switched on for a country."""

from collections.abc import Awaitable, Callable

import httpx
import pytest

from tests.curation.conftest import Account, account, admin, editor_gt, make_user, sign_in, store, viewer_gt

__all__ = ["account", "admin", "editor_gt", "make_user", "review", "sign_in", "store", "viewer_gt"]

Review = Callable[..., Awaitable[None]]


@pytest.fixture
def review(client: httpx.AsyncClient, admin: Account) -> Review:
    """Switch review on (or off) for a country, as the Technical Secretariat does: through the country route."""

    async def switch(code: str, required: bool = True) -> None:
        url = f"/api/v1/countries/{code}"
        tag = (await client.get(url)).headers["ETag"]
        response = await client.patch(url, json={"review_required": required}, headers=admin.with_if_match(tag))
        assert response.status_code == 200, response.text
        assert response.json()["review_required"] is required

    return switch
