"""Accounts for the curation tests: users stored directly, tokens obtained through POST /api/v1/auth/token."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from itertools import count
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.models import Role, User
from app.auth.security import hash_password
from app.core.config import Settings
from app.countries.models import Country
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY
from tests.curation.resources import Store

PASSWORD = "correct horse battery staple"
TOKEN_URL = "/api/v1/auth/token"

# Argon2 takes 0.1-0.3 s: hash each password once per session and share the hash between all test users.
_hashes: dict[str, str] = {}
_emails = count(1)


async def password_hash(password: str = PASSWORD) -> str:
    if password not in _hashes:
        _hashes[password] = await hash_password(password)
    return _hashes[password]


@dataclass
class Account:
    user: User | None  # None: anonymous
    token: str | None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def with_if_match(self, tag: str) -> dict[str, str]:
        return {**self.headers, "If-Match": tag}

    @property
    def id(self) -> str:
        assert self.user is not None
        return self.user.id


MakeUser = Callable[..., Awaitable[User]]
SignIn = Callable[..., Awaitable[str]]
MakeAccount = Callable[..., Awaitable[Account]]
AppClient = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
def store(app: FastAPI) -> Store:
    return Store(app)


@pytest.fixture
def make_user(session: AsyncSession) -> MakeUser:
    """Users stored directly. An editor's countries get review switched off, so that the tests of direct writes
    see them applied; the tests of proposals switch it on again (tests/proposals)."""

    async def make(
        role: str,
        countries: Sequence[str] = (),
        *,
        email: str | None = None,
        is_active: bool = True,
        password: str = PASSWORD,
        user_id: str | None = None,
    ) -> User:
        user = User(
            id=user_id or str(uuid.uuid4()),
            email=email or f"{role}{next(_emails)}@example.org",
            full_name=f"Test {role}",
            password_hash=await password_hash(password),
            role=Role(role).value,
            countries=list(countries),
            is_active=is_active,
        )
        session.add(user)
        if user.role == Role.editor and countries:
            await session.execute(
                update(Country).where(col(Country.code).in_(list(countries))).values(review_required=False)
            )
        await session.commit()
        return user

    return make


@pytest.fixture
def sign_in(client: httpx.AsyncClient) -> SignIn:
    async def token(email: str, password: str = PASSWORD) -> str:
        response = await client.post(TOKEN_URL, data={"username": email, "password": password})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"] == "bearer"
        return str(body["access_token"])

    return token


@pytest.fixture
def account(make_user: MakeUser, sign_in: SignIn) -> MakeAccount:
    """An account of `role` ("anonymous" for none) with a token from this test's sign-in route.

    The same role, countries and `name` give the same account (id, e-mail) in every test, and the same token
    within one test; each test signs in afresh, so no token outlives the app and database it was issued by.
    """
    tokens: dict[str, str] = {}

    async def make(role: str, countries: Sequence[str] = (), name: str = "") -> Account:
        if role == "anonymous":
            return Account(user=None, token=None)
        email = f"{role}.{'-'.join(countries).lower() or 'all'}{'.' + name if name else ''}@example.org"
        user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mailto:{email}"))
        user = await make_user(role, countries, email=email, user_id=user_id)
        if email not in tokens:
            tokens[email] = await sign_in(email)
        return Account(user=user, token=tokens[email])

    return make


@pytest.fixture
async def admin(account: MakeAccount) -> Account:
    return await account("admin")


@pytest.fixture
async def editor_gt(account: MakeAccount) -> Account:
    return await account("editor", ["GT"])


@pytest.fixture
async def viewer_gt(account: MakeAccount) -> Account:
    return await account("viewer", ["GT"])


@pytest.fixture
async def app_client(database_url: str) -> AsyncIterator[AppClient]:
    """Clients of apps on the test database built with other settings (throttle limits, proxies, body size)."""
    async with AsyncExitStack() as stack:

        async def make(*, raise_app_exceptions: bool = True, **overrides: Any) -> httpx.AsyncClient:
            settings = {"database_url": database_url, "environment": "test", "secret_key": TEST_SECRET_KEY, **overrides}
            application = create_app(Settings(**settings))
            await stack.enter_async_context(application.router.lifespan_context(application))
            transport = httpx.ASGITransport(app=application, raise_app_exceptions=raise_app_exceptions)
            http = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            return await stack.enter_async_context(http)

        yield make
