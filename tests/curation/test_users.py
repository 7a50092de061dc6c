"""Accounts, managed by administrators only: creation rules, If-Match, self-protection, no secrets in answers."""

from typing import Any

import httpx

from app.auth.models import User
from tests.curation.conftest import PASSWORD, TOKEN_URL, Account, MakeAccount
from tests.curation.resources import Store, etag

USERS = "/api/v1/users"


def new_user(**fields: Any) -> dict[str, Any]:
    return {
        "email": "nueva.editora@example.org",
        "full_name": "Nueva Editora",
        "password": "una contraseña larga",
        "role": "editor",
        "countries": ["GT"],
    } | fields


async def test_an_admin_creates_an_account_that_can_sign_in(
    client: httpx.AsyncClient, store: Store, admin: Account
) -> None:
    body = new_user(email="  Nueva.Editora@EXAMPLE.org", countries=["hn", "GT", "gt"])

    response = await client.post(USERS, json=body, headers=admin.headers)

    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["ETag"] == etag(1)
    assert response.headers["Location"] == f"{USERS}/{created['id']}"
    assert {k: created[k] for k in ("email", "full_name", "role", "countries", "is_active", "version")} == {
        "email": "nueva.editora@example.org",
        "full_name": "Nueva Editora",
        "role": "editor",
        "countries": ["GT", "HN"],
        "is_active": True,
        "version": 1,
    }
    assert "password" not in response.text
    assert "argon2" not in response.text
    stored = await store.get(User, created["id"])
    assert stored.password_hash.startswith("$argon2")
    assert "una contraseña larga" not in stored.password_hash
    signed_in = await client.post(
        TOKEN_URL, data={"username": "nueva.editora@example.org", "password": body["password"]}
    )
    assert signed_in.status_code == 200


async def test_admins_list_and_read_accounts_without_secrets(
    client: httpx.AsyncClient, admin: Account, account: MakeAccount
) -> None:
    editor = await account("editor", ["GT"])
    listing = await client.get(USERS, params={"limit": 1}, headers=admin.headers)
    one = await client.get(f"{USERS}/{editor.id}", headers=admin.headers)

    assert listing.status_code == 200
    assert (listing.json()["total"], len(listing.json()["items"])) == (2, 1)
    assert one.status_code == 200
    assert (one.json()["email"], one.headers["ETag"]) == (editor.user.email if editor.user else "", etag(1))
    for response in (listing, one):
        assert "password" not in response.text
        assert "argon2" not in response.text
    assert (await client.get(f"{USERS}/no-such-id", headers=admin.headers)).status_code == 404


async def test_only_admins_manage_accounts(client: httpx.AsyncClient, store: Store, account: MakeAccount) -> None:
    target = await account("viewer", ["HN"], name="target")
    users_before = await store.count(User)
    observed = {}
    for role in ("editor", "viewer", "anonymous"):
        headers = (await account(role, ["GT", "HN"])).with_if_match(etag(1))
        answers = [
            await client.get(USERS, headers=headers),
            await client.post(USERS, json=new_user(role="admin"), headers=headers),
            await client.get(f"{USERS}/{target.id}", headers=headers),
            await client.patch(f"{USERS}/{target.id}", json={"role": "admin"}, headers=headers),
            await client.delete(f"{USERS}/{target.id}", headers=headers),
        ]
        observed[role] = [r.status_code for r in answers]

    assert observed == {"editor": [403] * 5, "viewer": [403] * 5, "anonymous": [401] * 5}
    assert await store.count(User) == users_before + 2  # the two callers, nothing else
    stored = await store.get(User, target.id)
    assert (stored.role, stored.is_active, stored.version) == ("viewer", True, 1)
    assert await store.events() == []


INVALID_ACCOUNTS: list[tuple[dict[str, Any], int, list[str]]] = [
    ({"password": "x" * 11}, 422, ["password"]),
    ({"countries": ["GT", "XX"]}, 422, ["countries"]),
    ({"countries": ["Guatemala"]}, 422, ["countries.0"]),
    ({"email": "not-an-email"}, 422, ["email"]),
    ({"role": "superuser"}, 422, ["role"]),
    ({"full_name": ""}, 422, ["full_name"]),
    ({"full_name": '\x01=HYPERLINK("http://example.org")'}, 422, ["full_name"]),
    ({"is_active": False}, 422, ["is_active"]),
    ({"id": "chosen-id"}, 422, ["id"]),
    ({"version": 7}, 422, ["version"]),
    ({"password_hash": "$argon2id$forged"}, 422, ["password_hash"]),
    ({"email": "VIEWER.GT.EXISTING@example.org"}, 409, []),
]


async def test_invalid_accounts_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, store: Store, account: MakeAccount, admin: Account
) -> None:
    await account("viewer", ["GT"], name="existing")
    users_before = await store.count(User)

    observed = []
    for fields, _, _ in INVALID_ACCOUNTS:
        response = await client.post(USERS, json=new_user(**fields), headers=admin.headers)
        error = response.json()["error"]
        observed.append((fields, response.status_code, [d["field"] for d in error["details"]]))

    assert observed == INVALID_ACCOUNTS
    assert await store.count(User) == users_before
    assert await store.events() == []


async def test_account_changes_need_a_current_if_match(
    client: httpx.AsyncClient, store: Store, admin: Account, account: MakeAccount
) -> None:
    editor = await account("editor", ["GT"])
    url = f"{USERS}/{editor.id}"

    missing = await client.patch(url, json={"countries": ["HN"]}, headers=admin.headers)
    star = await client.patch(url, json={"countries": ["HN"]}, headers=admin.with_if_match("*"))
    stale = await client.patch(url, json={"countries": ["HN"]}, headers=admin.with_if_match(etag(2)))
    delete_missing = await client.delete(url, headers=admin.headers)
    delete_stale = await client.delete(url, headers=admin.with_if_match(etag(9)))

    statuses = [r.status_code for r in (missing, star, stale, delete_missing, delete_stale)]
    assert statuses == [428, 428, 412, 428, 412]
    stored = await store.get(User, editor.id)
    assert (stored.countries, stored.is_active, stored.version) == (["GT"], True, 1)

    changed = await client.patch(
        url, json={"countries": ["HN", "SV"], "full_name": "Editora Regional"}, headers=admin.with_if_match(etag(1))
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == etag(2)
    assert (changed.json()["countries"], changed.json()["full_name"]) == (["HN", "SV"], "Editora Regional")


async def test_a_password_change_replaces_the_old_password(
    client: httpx.AsyncClient, admin: Account, account: MakeAccount
) -> None:
    editor = await account("editor", ["GT"])
    email = editor.user.email if editor.user else ""
    url = f"{USERS}/{editor.id}"

    short = await client.patch(url, json={"password": "corta"}, headers=admin.with_if_match(etag(1)))
    assert short.status_code == 422
    assert [d["field"] for d in short.json()["error"]["details"]] == ["password"]

    changed = await client.patch(url, json={"password": "otra contraseña larga"}, headers=admin.with_if_match(etag(1)))
    assert changed.status_code == 200, changed.text
    old = await client.post(TOKEN_URL, data={"username": email, "password": PASSWORD})
    new = await client.post(TOKEN_URL, data={"username": email, "password": "otra contraseña larga"})
    assert (old.status_code, new.status_code) == (401, 200)


async def test_an_admin_may_not_lock_themselves_out(client: httpx.AsyncClient, store: Store, admin: Account) -> None:
    url = f"{USERS}/{admin.id}"
    answers = [
        await client.patch(url, json={"is_active": False}, headers=admin.with_if_match(etag(1))),
        await client.patch(url, json={"role": "editor"}, headers=admin.with_if_match(etag(1))),
        await client.delete(url, headers=admin.with_if_match(etag(1))),
    ]
    assert [(r.status_code, r.json()["error"]["code"]) for r in answers] == [(409, "conflict")] * 3
    stored = await store.get(User, admin.id)
    assert (stored.role, stored.is_active, stored.version) == ("admin", True, 1)
    assert await store.events() == []


async def test_account_fields_that_cannot_be_patched_are_refused(
    client: httpx.AsyncClient, store: Store, admin: Account, account: MakeAccount
) -> None:
    viewer = await account("viewer", ["GT"])
    fields = ["email", "id", "version", "password_hash", "created_at"]
    observed = []
    for field in fields:
        response = await client.patch(
            f"{USERS}/{viewer.id}", json={field: "x@example.org"}, headers=admin.with_if_match(etag(1))
        )
        observed.append((field, response.status_code, [d["field"] for d in response.json()["error"]["details"]]))
    assert observed == [(field, 422, [field]) for field in fields]
    stored = await store.get(User, viewer.id)
    assert (stored.email, stored.version) == (viewer.user.email if viewer.user else "", 1)


async def test_a_password_is_kept_exactly_as_typed(client: httpx.AsyncClient, admin: Account) -> None:
    body = new_user(password="  spaces around it  ")
    assert (await client.post(USERS, json=body, headers=admin.headers)).status_code == 201

    exact = await client.post(TOKEN_URL, data={"username": body["email"], "password": "  spaces around it  "})
    trimmed = await client.post(TOKEN_URL, data={"username": body["email"], "password": "spaces around it"})
    assert (exact.status_code, trimmed.status_code) == (200, 401)


async def test_a_password_change_ends_the_sessions_opened_before_it(
    client: httpx.AsyncClient, admin: Account, account: MakeAccount
) -> None:
    editor = await account("editor", ["GT"])
    assert (await client.get("/api/v1/auth/me", headers=editor.headers)).status_code == 200

    changed = await client.patch(
        f"{USERS}/{editor.id}", json={"password": "otra contraseña larga"}, headers=admin.with_if_match(etag(1))
    )
    assert changed.status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=editor.headers)).status_code == 401
