"""Signing in, bearer tokens (tampering, algorithms, expiry), throttling, deactivation, production secrets."""

import asyncio
import base64
import json
import logging
import secrets
import time
import warnings
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest
from fastapi import FastAPI
from jwt.warnings import InsecureKeyLengthWarning
from pydantic import SecretStr, ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import throttle
from app.auth.models import User
from app.core.config import Settings, estimated_secret_bits
from app.core.types import utcnow
from app.main import create_app
from tests import factories
from tests.curation.conftest import PASSWORD, TOKEN_URL, AppClient, MakeAccount, MakeUser
from tests.curation.resources import INSTITUTIONS, Store, etag

ME = "/api/v1/auth/me"


def secret(app: FastAPI) -> str:
    settings: Settings = app.state.settings
    return settings.secret_key.get_secret_value()


async def attempt(client: httpx.AsyncClient, email: str, password: str, **headers: str) -> httpx.Response:
    return await client.post(TOKEN_URL, data={"username": email, "password": password}, headers=headers)


def forwarded(address: str) -> dict[str, str]:
    """The client address a trusted proxy (TRUSTED_PROXIES=1) reports."""
    return {"X-Forwarded-For": address}


async def throttle_rows(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(throttle.LoginThrottleCounter)) or 0)


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# --- signing in --------------------------------------------------------------------------------------------------


async def test_sign_in_issues_a_signed_token_that_expires_as_configured(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("editor", ["GT"], email="ana.editora@example.org")

    response = await attempt(client, "  Ana.Editora@EXAMPLE.org ", PASSWORD)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["token_type"], body["expires_in"]) == ("bearer", 3600)
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    claims = jwt.decode(body["access_token"], secret(app), algorithms=["HS256"])
    assert claims["sub"] == user.id
    assert claims["exp"] - claims["iat"] == 3600
    me = await client.get(ME, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == "ana.editora@example.org"
    assert me.json()["countries"] == ["GT"]
    assert "password" not in me.text
    assert "$argon2" not in me.text


async def test_unknown_account_wrong_password_and_inactive_account_get_the_same_answer(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    known = await make_user("editor", ["GT"])
    inactive = await make_user("editor", ["GT"], is_active=False)

    answers = [
        await attempt(client, "nobody@example.org", PASSWORD),
        await attempt(client, known.email, PASSWORD + "x"),
        await attempt(client, inactive.email, PASSWORD),
    ]

    assert [r.status_code for r in answers] == [401, 401, 401]
    assert answers[0].json() == {
        "error": {"status": 401, "code": "unauthorized", "message": "Incorrect e-mail or password.", "details": []}
    }
    assert answers[1].json() == answers[0].json() == answers[2].json()
    assert {r.headers.get("WWW-Authenticate") for r in answers} == {"Bearer"}


async def test_sign_in_without_credentials_is_a_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(TOKEN_URL, data={"username": "someone@example.org"})
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["password"]


async def test_sign_in_also_takes_json(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user("editor", ["GT"])

    answers = [
        await client.post(TOKEN_URL, json={"email": user.email, "password": PASSWORD}),
        await client.post(
            TOKEN_URL,
            content=json.dumps({"email": user.email.upper(), "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        ),
        await client.post(TOKEN_URL, json={"email": user.email, "password": "wrong password!"}),
    ]

    assert [r.status_code for r in answers] == [200, 200, 401], answers[0].text
    for answer in answers[:2]:
        me = await client.get(ME, headers={"Authorization": f"Bearer {answer.json()['access_token']}"})
        assert me.json()["email"] == user.email


WHAT_TO_SEND = (
    "Send your e-mail and password as the form fields 'username' and 'password' "
    "(Content-Type: application/x-www-form-urlencoded, the OAuth2 password flow), "
    'or as JSON {"email": "...", "password": "..."} (Content-Type: application/json).'
)


@pytest.mark.parametrize(
    ("request_body", "fields"),
    [
        ({"json": {"username": "a@example.org", "password": "p"}}, ["email", "username"]),
        ({"json": {"email": "a@example.org"}}, ["password"]),
        ({"json": ["a@example.org", "p"]}, ["body"]),
        ({"json": {"email": 7, "password": "p"}}, ["email"]),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, ["body"]),
        ({"data": {"email": "a@example.org", "password": "p"}}, ["username"]),
        ({"data": {"username": "a@example.org", "password": "p", "grant_type": "client_credentials"}}, ["grant_type"]),
        (
            {"content": b"username=a@example.org&password=p", "headers": {"Content-Type": "text/plain"}},
            ["content-type"],
        ),
        ({"content": b"a@example.org p"}, ["content-type"]),
    ],
    ids=[
        "json-username",
        "json-no-password",
        "json-list",
        "json-number",
        "bad-json",
        "form-email",
        "grant",
        "text",
        "none",
    ],
)
async def test_a_sign_in_of_the_wrong_shape_says_what_to_send(
    client: httpx.AsyncClient, request_body: dict[str, Any], fields: list[str]
) -> None:
    response = await client.post(TOKEN_URL, **request_body)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert WHAT_TO_SEND in error["message"]
    assert sorted(detail["field"] for detail in error["details"]) == fields


def test_the_sign_in_body_is_documented_as_a_form_or_json(app: FastAPI) -> None:
    operation = app.openapi()["paths"][TOKEN_URL]["post"]

    content = operation["requestBody"]["content"]
    form, body = content["application/x-www-form-urlencoded"]["schema"], content["application/json"]["schema"]
    assert operation["requestBody"]["required"] is True
    assert set(form["properties"]) == {"grant_type", "username", "password", "scope", "client_id", "client_secret"}
    assert (form["required"], body["required"]) == (["username", "password"], ["email", "password"])
    assert set(body["properties"]) == {"email", "password"}
    assert (operation["summary"], sorted(operation["responses"])) == ("Sign in", ["200", "401", "422", "429"])
    assert "application/json" in operation["description"]


# --- bearer tokens -----------------------------------------------------------------------------------------------


def forged_tokens(app: FastAPI, user: User, other: User) -> dict[str, str]:
    now = utcnow()
    good = {"sub": user.id, "gen": 0, "iat": now, "exp": now + timedelta(minutes=5)}
    valid = jwt.encode(good, secret(app), algorithm="HS256")
    header, _, signature = valid.split(".")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)  # the key is fine for HS256, short for HS512
        hs512 = jwt.encode(good, secret(app), algorithm="HS512")
    iat, exp = int(now.timestamp()), int((now + timedelta(minutes=5)).timestamp())
    swapped = b64({"sub": other.id, "gen": 0, "iat": iat, "exp": exp})
    return {
        "alg none": jwt.encode(good, None, algorithm="none"),
        "alg none, hand-made": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({**good, 'iat': iat, 'exp': exp})}.",
        "another key": jwt.encode(good, "another key of at least thirty-two characters", algorithm="HS256"),
        "right key, HS512": hs512,
        "expired": jwt.encode(
            {**good, "iat": now - timedelta(hours=2), "exp": now - timedelta(seconds=1)},
            secret(app),
            algorithm="HS256",
        ),
        "payload swapped for another user's": f"{header}.{swapped}.{signature}",
        "signature altered": valid[:-4] + ("AAAA" if not valid.endswith("AAAA") else "BBBB"),
        "no expiry": jwt.encode({"sub": user.id, "gen": 0, "iat": now}, secret(app), algorithm="HS256"),
        "no subject": jwt.encode({"gen": 0, "iat": now, "exp": good["exp"]}, secret(app), algorithm="HS256"),
        "no token generation": jwt.encode({"sub": user.id, "iat": now, "exp": good["exp"]}, secret(app)),
        "a later token generation": jwt.encode({**good, "gen": 1}, secret(app), algorithm="HS256"),
        "a token generation that is not a number": jwt.encode({**good, "gen": "0"}, secret(app), algorithm="HS256"),
        "unknown account": jwt.encode({**good, "sub": "no-such-user"}, secret(app), algorithm="HS256"),
        "not a token": "not.a.token",
    }


async def test_tampered_forged_and_expired_tokens_are_refused(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, store: Store, make_user: MakeUser
) -> None:
    viewer = await make_user("viewer", ["GT"])
    admin = await make_user("admin")
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    tokens = forged_tokens(app, viewer, admin)

    control = jwt.encode(
        {"sub": admin.id, "gen": 0, "iat": utcnow(), "exp": utcnow() + timedelta(minutes=5)}, secret(app)
    )
    assert (await client.get(ME, headers={"Authorization": f"Bearer {control}"})).status_code == 200

    refused = {}
    for name, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}", "If-Match": etag(1)}
        me = await client.get(ME, headers=headers)
        write = await client.patch(INSTITUTIONS.url(record.id), json={"name": "Forjado"}, headers=headers)
        refused[name] = (me.status_code, me.json()["error"]["code"], write.status_code)
    assert refused == dict.fromkeys(tokens, (401, "unauthorized", 401))
    stored = await store.get(INSTITUTIONS.model, record.id)
    assert (stored.name, stored.version) == (record.name, 1)
    assert await store.events() == []


async def test_missing_or_malformed_authorization_is_401(client: httpx.AsyncClient) -> None:
    variants = [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "bearer  x.y.z"]
    observed = []
    for authorization in variants:
        headers = {} if authorization is None else {"Authorization": authorization}
        response = await client.get(ME, headers=headers)
        observed.append((response.status_code, response.json()["error"]["code"], response.headers["WWW-Authenticate"]))
    assert observed == [(401, "unauthorized", "Bearer")] * len(variants)


async def test_a_token_from_another_deployment_key_is_refused(app_client: AppClient, make_user: MakeUser) -> None:
    """Two apps with different SECRET_KEYs: a token of one does not open the other."""
    user = await make_user("admin")
    ours = await app_client(secret_key=SecretStr("k" * 40))
    theirs = await app_client(secret_key=SecretStr("z" * 40))
    token = (await attempt(theirs, user.email, PASSWORD)).json()["access_token"]

    assert (await theirs.get(ME, headers={"Authorization": f"Bearer {token}"})).status_code == 200
    assert (await ours.get(ME, headers={"Authorization": f"Bearer {token}"})).status_code == 401


# --- throttling --------------------------------------------------------------------------------------------------


async def test_five_failures_for_one_account_get_429_with_retry_after(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("editor", ["GT"], email="throttled@example.org")
    spellings = ["throttled@example.org", "THROTTLED@example.org", " throttled@Example.org"]

    failures = [(await attempt(client, spellings[i % 3], "wrong password!")).status_code for i in range(5)]
    blocked = await attempt(client, user.email, PASSWORD)  # even the right password now

    assert failures == [401] * 5
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "too_many_requests"
    retry_after = int(blocked.headers["Retry-After"])
    assert 1 <= retry_after <= 900 + 1
    assert f"{retry_after} seconds" in blocked.json()["error"]["message"]


def rate_limits(response: httpx.Response) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """RateLimit-Policy and RateLimit as {policy: {parameter: value}} (IETF draft, structured-field lists)."""

    def parsed(field: str) -> dict[str, dict[str, int]]:
        items = {}
        for item in response.headers[field].split(","):
            name, *parameters = item.strip().split(";")
            items[name.strip('"')] = {key: int(value) for key, value in (p.split("=") for p in parameters)}
        return items

    return parsed("ratelimit-policy"), parsed("ratelimit")


async def test_sign_in_answers_say_what_is_left_of_the_clients_quotas(
    app_client: AppClient, make_user: MakeUser
) -> None:
    client = await app_client(login_failures_per_account=3, login_failures_per_client=10, login_window_seconds=600)
    user = await make_user("editor", ["GT"])

    failures = [await attempt(client, user.email, "wrong password!") for _ in range(3)]
    refused = await attempt(client, user.email, PASSWORD)
    elsewhere = await attempt(client, "someone.else@example.org", "wrong password!")

    policy, first = rate_limits(failures[0])
    assert policy == {"sign-in-client": {"q": 10, "w": 600}, "sign-in-account": {"q": 3, "w": 600}}
    assert {name: left["r"] for name, left in first.items()} == {"sign-in-client": 9, "sign-in-account": 2}
    assert 590 <= first["sign-in-account"]["t"] <= 600
    assert rate_limits(failures[2])[1]["sign-in-account"]["r"] == 0
    assert refused.status_code == 429
    assert rate_limits(refused)[1]["sign-in-account"]["r"] == 0
    assert int(refused.headers["Retry-After"]) == rate_limits(refused)[1]["sign-in-account"]["t"]
    # Another account from the same client: its own quota, and what the client has left for all accounts.
    assert {name: left["r"] for name, left in rate_limits(elsewhere)[1].items()} == {
        "sign-in-client": 5,
        "sign-in-account": 2,
    }


async def test_a_successful_sign_in_gives_its_attempt_back_in_the_headers(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("editor", ["GT"])
    await attempt(client, user.email, "wrong password!")

    success = await attempt(client, user.email, PASSWORD)

    assert success.status_code == 200
    # The client's failure stays counted; the account's counter for this client starts again.
    assert {name: left["r"] for name, left in rate_limits(success)[1].items()} == {
        "sign-in-client": 19,
        "sign-in-account": 5,
    }


async def test_unknown_accounts_are_throttled_like_known_ones(client: httpx.AsyncClient) -> None:
    statuses = [(await attempt(client, "ghost@example.org", "wrong password!")).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]


async def test_throttling_one_account_leaves_another_alone(app_client: AppClient, make_user: MakeUser) -> None:
    client = await app_client(login_failures_per_account=2)
    victim = await make_user("editor", ["GT"])
    other = await make_user("editor", ["GT"])
    for _ in range(2):
        await attempt(client, victim.email, "wrong password!")

    assert (await attempt(client, victim.email, PASSWORD)).status_code == 429
    assert (await attempt(client, other.email, PASSWORD)).status_code == 200


async def test_a_successful_sign_in_resets_the_account_counter(app_client: AppClient, make_user: MakeUser) -> None:
    client = await app_client(login_failures_per_account=3)
    user = await make_user("editor", ["GT"])
    first = [(await attempt(client, user.email, "wrong password!")).status_code for _ in range(2)]
    success = await attempt(client, user.email, PASSWORD)
    # Without the reset the counter would be at 3 after the first of these, and the second would get 429.
    second = [(await attempt(client, user.email, "wrong password!")).status_code for _ in range(2)]

    assert (first, success.status_code, second) == ([401] * 2, 200, [401] * 2)


async def test_a_burst_of_concurrent_guesses_is_throttled_like_sequential_ones(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("editor", ["GT"])

    answers = await asyncio.gather(*(attempt(client, user.email, f"guess number {i}") for i in range(12)))

    statuses = sorted(r.status_code for r in answers)
    assert statuses.count(401) <= 5, statuses
    assert statuses.count(429) >= 7, statuses


async def test_an_overlong_username_is_refused_like_any_unknown_account(app: FastAPI, make_user: MakeUser) -> None:
    await make_user("editor", ["GT"])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        reference = await attempt(client, "nobody@example.org", "wrong password!")
        answers = [await attempt(client, "a" * length + "@example.org", "wrong password!") for length in (300, 400)]

    assert [r.status_code for r in answers] == [401, 401]
    assert answers[0].json() == answers[1].json() == reference.json()


async def test_a_nul_character_in_the_credentials_is_refused_like_any_wrong_password(
    client: httpx.AsyncClient,
) -> None:
    answers = [await attempt(client, "nobody\x00@example.org", "x"), await attempt(client, "a@example.org", "p\x00")]
    assert [r.status_code for r in answers] == [401, 401]


async def test_failures_from_one_client_address_are_throttled_across_accounts(
    app_client: AppClient, make_user: MakeUser
) -> None:
    client = await app_client(login_failures_per_client=3)
    user = await make_user("editor", ["GT"])
    failures = [(await attempt(client, f"nobody{i}@example.org", "wrong password!")).status_code for i in range(3)]
    blocked = await attempt(client, user.email, PASSWORD)

    assert failures == [401] * 3
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1


async def test_x_forwarded_for_is_ignored_without_trusted_proxies(app_client: AppClient, make_user: MakeUser) -> None:
    client = await app_client(login_failures_per_client=3)
    user = await make_user("editor", ["GT"])
    for i in range(3):
        await attempt(client, f"nobody{i}@example.org", "wrong password!", **{"X-Forwarded-For": f"203.0.113.{i}"})

    blocked = await attempt(client, user.email, PASSWORD, **{"X-Forwarded-For": "198.51.100.7"})
    assert blocked.status_code == 429


async def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(
    app_client: AppClient, make_user: MakeUser
) -> None:
    client = await app_client(login_failures_per_client=3, trusted_proxies=1)
    user = await make_user("editor", ["GT"])
    for i in range(3):
        # The client may prepend anything; the proxy appends the address it saw, the one that counts.
        forwarded = f"10.0.0.{i}, 203.0.113.9"
        await attempt(client, f"nobody{i}@example.org", "wrong password!", **{"X-Forwarded-For": forwarded})

    blocked = await attempt(client, user.email, PASSWORD, **{"X-Forwarded-For": "10.9.9.9, 203.0.113.9"})
    other_client = await attempt(client, user.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.10"})
    assert (blocked.status_code, other_client.status_code) == (429, 200)


async def test_sign_in_works_again_when_the_window_ends(
    app_client: AppClient, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = await app_client(login_failures_per_account=2)
    user = await make_user("editor", ["GT"])
    for _ in range(2):
        await attempt(client, user.email, "wrong password!")
    blocked = await attempt(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert 890 <= int(blocked.headers["Retry-After"]) <= 901

    later = utcnow() + timedelta(seconds=901)
    monkeypatch.setattr(throttle, "utcnow", lambda: later)
    assert (await attempt(client, user.email, PASSWORD)).status_code == 200


async def test_strangers_failures_from_other_addresses_do_not_stop_the_owner(
    app_client: AppClient, make_user: MakeUser
) -> None:
    client = await app_client(
        trusted_proxies=1, login_failures_per_account=1, login_account_slowdown_after=2, login_slowdown_seconds=0.3
    )
    owner = await make_user("admin", email="secretaria@example.org")
    strangers = [
        [
            (await attempt(client, owner.email, f"guess {i}", **forwarded(f"203.0.113.{n}"))).status_code
            for i in range(2)
        ]
        for n in range(3)
    ]

    started = time.monotonic()
    signed_in = await attempt(client, owner.email, PASSWORD, **forwarded("198.51.100.7"))
    elapsed = time.monotonic() - started
    mistyped = await attempt(client, owner.email, "a typo", **forwarded("198.51.100.7"))

    assert (signed_in.status_code, mistyped.status_code) == (200, 401)
    assert strangers == [[401, 429]] * 3
    assert elapsed >= 0.3  # past 2 failures for the account from anywhere, every attempt waits: a slow-down only


async def test_a_flood_from_one_blocked_client_adds_no_rows_and_old_counters_expire(
    app: FastAPI, app_client: AppClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = await app_client(trusted_proxies=1, login_failures_per_client=3)

    flood = [
        (await attempt(client, f"victim{i}@example.org", "guess", **forwarded("203.0.113.66"))).status_code
        for i in range(40)
    ]
    after_flood = await throttle_rows(app)
    later = utcnow() + timedelta(seconds=901)
    monkeypatch.setattr(throttle, "utcnow", lambda: later)
    next_window = await attempt(client, "someone@example.org", "guess", **forwarded("198.51.100.7"))

    assert flood == [401] * 3 + [429] * 37
    # The client's counter, and for each of its 3 counted attempts one per account and one per account and client.
    assert after_flood == 1 + 2 * 3
    assert next_window.status_code == 401
    assert await throttle_rows(app) == 3  # the expired ones deleted when the new ones were written


async def test_a_token_issued_in_the_second_of_a_password_change_but_before_it_is_refused(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, account: MakeAccount
) -> None:
    admin = await account("admin")
    user = await make_user("editor", ["GT"])
    token = (await attempt(client, user.email, PASSWORD)).json()["access_token"]
    claims = jwt.decode(token, secret(app), algorithms=["HS256"])

    changed = await client.patch(
        f"/api/v1/users/{user.id}", json={"password": "a new long password"}, headers=admin.with_if_match(etag(1))
    )
    assert changed.status_code == 200, changed.text
    # Token times have whole seconds: this one is dated the very second of the change (or later), yet it was
    # issued before the change, as a token signed a few milliseconds before it would be.
    same_second = jwt.encode({**claims, "iat": int(time.time())}, secret(app), algorithm="HS256")
    new_token = (await attempt(client, user.email, "a new long password")).json()["access_token"]

    statuses = [
        (await client.get(ME, headers={"Authorization": f"Bearer {t}"})).status_code
        for t in (token, same_second, new_token)
    ]
    assert statuses == [401, 401, 200]


# --- deactivation and role changes take effect at once ----------------------------------------------------------


async def test_a_deactivated_accounts_token_stops_working_at_once(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount
) -> None:
    admin = await account("admin")
    editor = await account("editor", ["GT"])
    record = factories.institution(country_code="GT")
    await factories.add(session, record)
    assert (await client.get(ME, headers=editor.headers)).status_code == 200

    response = await client.patch(
        f"/api/v1/users/{editor.id}", json={"is_active": False}, headers=admin.with_if_match(etag(1))
    )
    assert response.status_code == 200, response.text
    assert response.json()["is_active"] is False

    me = await client.get(ME, headers=editor.headers)
    write = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "Después de la baja"}, headers=editor.with_if_match(etag(1))
    )
    assert (me.status_code, write.status_code) == (401, 401)
    assert (await store.get(INSTITUTIONS.model, record.id)).version == 1
    refused = await attempt(client, editor.user.email if editor.user else "", PASSWORD)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "Incorrect e-mail or password."


async def test_delete_of_an_account_deactivates_it_and_stops_its_token(
    client: httpx.AsyncClient, store: Store, account: MakeAccount
) -> None:
    admin = await account("admin")
    viewer = await account("viewer", ["GT"])

    response = await client.delete(f"/api/v1/users/{viewer.id}", headers=admin.with_if_match(etag(1)))

    assert response.status_code == 204
    assert (await client.get(ME, headers=viewer.headers)).status_code == 401
    stored = await store.get(User, viewer.id)
    assert (stored.is_active, stored.version) == (False, 2)


async def test_a_demoted_editor_loses_write_access_at_once(
    client: httpx.AsyncClient, session: AsyncSession, store: Store, account: MakeAccount
) -> None:
    admin = await account("admin")
    editor = await account("editor", ["GT"])
    record = factories.institution(country_code="GT")
    await factories.add(session, record)

    demoted = await client.patch(
        f"/api/v1/users/{editor.id}", json={"role": "viewer"}, headers=admin.with_if_match(etag(1))
    )
    assert demoted.status_code == 200, demoted.text
    write = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "Sin permiso"}, headers=editor.with_if_match(etag(1))
    )
    assert write.status_code == 403
    assert (await store.get(INSTITUTIONS.model, record.id)).name == record.name

    moved = await client.patch(
        f"/api/v1/users/{editor.id}", json={"role": "editor", "countries": ["HN"]}, headers=admin.with_if_match(etag(2))
    )
    assert moved.status_code == 200, moved.text
    write = await client.patch(
        INSTITUTIONS.url(record.id), json={"name": "Otro país"}, headers=editor.with_if_match(etag(1))
    )
    assert write.status_code == 403


# --- production settings -----------------------------------------------------------------------------------------


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    for name in ("SECRET_KEY", "ENVIRONMENT", "CORS_ALLOW_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file


# The signing key every server had before when SECRET_KEY was not set, published in the source code.
OLD_DEVELOPMENT_SECRET = "development-only-secret-change-me-in-production"


@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize(
    "key",
    [None, "", OLD_DEVELOPMENT_SECRET, "x" * 31, "a" * 32, "s" * 64, "ab" * 32, secrets.token_hex(16), "ñ" * 16],
)
def test_production_refuses_a_missing_short_or_low_entropy_secret(key: str | None) -> None:
    extra: dict[str, Any] = {} if key is None else {"secret_key": SecretStr(key)}
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production", **extra)


@pytest.mark.usefixtures("clean_environment")
def test_production_refuses_the_default_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings()
    key = secrets.token_urlsafe(32)
    monkeypatch.setenv("SECRET_KEY", key)
    assert Settings().secret_key.get_secret_value() == key


@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize("key", [secrets.token_urlsafe(32), secrets.token_hex(32), secrets.token_urlsafe(64)])
def test_production_accepts_a_random_secret_of_32_bytes_or_more(key: str) -> None:
    settings = Settings(environment="production", secret_key=SecretStr(key))
    assert (settings.secret_key.get_secret_value(), settings.secret_key_generated) == (key, False)


@pytest.mark.usefixtures("clean_environment")
def test_without_a_secret_each_start_makes_its_own_random_key() -> None:
    first, second = Settings(), Settings(secret_key=SecretStr(""))

    keys = {first.secret_key.get_secret_value(), second.secret_key.get_secret_value()}
    assert (first.environment, first.secret_key_generated, second.secret_key_generated) == ("development", True, True)
    assert len(keys) == 2
    assert all(len(key) >= 43 and estimated_secret_bits(key) >= 128 for key in keys)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(secret_key=SecretStr(OLD_DEVELOPMENT_SECRET))


@pytest.mark.usefixtures("clean_environment")
async def test_a_server_started_without_a_secret_refuses_tokens_of_the_old_public_key(
    database_url: str, make_user: MakeUser, caplog: pytest.LogCaptureFixture
) -> None:
    admin = await make_user("admin")
    now = utcnow()
    forged = jwt.encode(
        {"sub": admin.id, "iat": now, "exp": now + timedelta(minutes=5), "gen": 0}, OLD_DEVELOPMENT_SECRET
    )
    application = create_app(Settings(database_url=database_url))  # as `make run` starts it: no SECRET_KEY

    with caplog.at_level(logging.WARNING, logger="app.main"):
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                me = await client.get(ME, headers={"Authorization": f"Bearer {forged}"})
                token = (await attempt(client, admin.email, PASSWORD)).json()["access_token"]
                signed_in = await client.get(ME, headers={"Authorization": f"Bearer {token}"})

    assert (me.status_code, signed_in.status_code) == (401, 200)
    assert "No SECRET_KEY is set" in caplog.text
    assert "worker" in caplog.text
