"""Signing in (throttled, timing-safe) and managing accounts (audited)."""

import hashlib

import anyio
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditAction
from app.auth import repository
from app.auth.models import Token, User, UserCreate, UserUpdate
from app.auth.security import create_access_token, hash_password, verify_against_dummy, verify_password
from app.auth.throttle import LoginThrottle, ThrottleKey
from app.core.config import Settings
from app.core.errors import ConflictError, InvalidParameterError, TooManyRequestsError, UnauthorizedError
from app.core.http.etags import require_current
from app.curation import service as curation

ENTITY = "user"
SIGN_IN_REFUSED = "Incorrect e-mail or password."


async def sign_in(
    session: AsyncSession,
    settings: Settings,
    throttle: LoginThrottle,
    email: str,
    password: str,
    client_address: str,
) -> Token:
    email = email.strip().lower()
    # Hashed: any length of user name makes a key of one size, and the counters hold no e-mail addresses.
    account = hashlib.sha256(email.encode()).hexdigest()[:40]
    client = client_address[:64]
    # Strangers' failures never block the owner: only the client that failed is refused, for this account or for
    # all; the account's own count only slows every attempt down. Counted in this order, so a refused client adds
    # no counter for the account it tried.
    keys = [
        ThrottleKey(f"client:{client}", settings.login_failures_per_client),
        ThrottleKey(f"account:{account}:client:{client}", settings.login_failures_per_account, reset_on_success=True),
        ThrottleKey(f"account:{account}", settings.login_account_slowdown_after, blocks=False),
    ]
    verdict = await throttle.attempt(keys)
    if verdict.retry_after is not None:
        wait = verdict.retry_after
        raise TooManyRequestsError(f"Too many failed sign-ins: try again in {wait} seconds.", retry_after=wait)
    if verdict.slow_down:
        await anyio.sleep(settings.login_slowdown_seconds)

    # No account has a NUL character in its e-mail (and PostgreSQL text cannot hold one): refused like the others.
    user = None if "\x00" in email else await repository.get_user_by_email(session, email)
    if user is None:
        await verify_against_dummy(password)
        accepted = False
    else:
        accepted = await verify_password(password, user.password_hash) and user.is_active
    # One answer for an unknown account, a wrong password and an inactive account: none reveals which.
    if user is None or not accepted:
        raise UnauthorizedError(SIGN_IN_REFUSED)
    await throttle.succeeded(keys)
    token = create_access_token(user.id, user.token_generation, settings)
    return Token(access_token=token, expires_in=settings.access_token_minutes * 60)


async def _checked_password(settings: Settings, password: str) -> str:
    if len(password) < settings.min_password_length:
        raise InvalidParameterError("body", "password", f"must have at least {settings.min_password_length} characters")
    return await hash_password(password)


async def create_first_admin(session: AsyncSession, settings: Settings, data: UserCreate) -> User:
    """The command line's way in: an admin account with no admin to audit it against but itself."""
    user = await _new_user(session, settings, data)
    await curation.audit_event(session, user, ENTITY, user.id, AuditAction.create, None, user)
    return user


async def create_user(session: AsyncSession, settings: Settings, admin: User, data: UserCreate) -> User:
    user = await _new_user(session, settings, data)
    await curation.audit_event(session, admin, ENTITY, user.id, AuditAction.create, None, user)
    return user


async def _new_user(session: AsyncSession, settings: Settings, data: UserCreate) -> User:
    await curation.check_countries(session, "countries", data.countries)
    email = data.email.strip().lower()
    if await repository.get_user_by_email(session, email) is not None:
        raise ConflictError(f"An account with e-mail '{email}' exists already.")
    user = User(
        email=email,
        full_name=data.full_name,
        password_hash=await _checked_password(settings, data.password.get_secret_value()),
        role=data.role.value,
        countries=sorted(set(data.countries)),
    )
    try:
        await repository.add_user(session, user)
    except IntegrityError:
        raise ConflictError(f"An account with e-mail '{email}' exists already.") from None
    return user


async def update_user(
    session: AsyncSession, settings: Settings, admin: User, user: User, data: UserUpdate, if_match: list[str]
) -> None:
    require_current(if_match, user.version)
    changes = data.model_dump(exclude_unset=True, exclude={"password"})
    if "countries" in changes:
        await curation.check_countries(session, "countries", changes["countries"])
        changes["countries"] = sorted(set(changes["countries"]))
    if "role" in changes:
        changes["role"] = changes["role"].value
    if user.id == admin.id and (changes.get("is_active") is False or changes.get("role", "admin") != "admin"):
        raise ConflictError("You may not deactivate your own account or take away your own admin role.")
    if data.password is not None:
        changes["password_hash"] = await _checked_password(settings, data.password.get_secret_value())
    if data.password is not None or (changes.get("is_active") is True and not user.is_active):
        changes["token_generation"] = user.token_generation + 1
    await curation.update(session, admin, ENTITY, user, changes, entity_id=user.id)


async def deactivate_user(session: AsyncSession, admin: User, user: User, if_match: list[str]) -> None:
    require_current(if_match, user.version)
    if user.id == admin.id:
        raise ConflictError("You may not deactivate your own account.")
    await curation.update(
        session, admin, ENTITY, user, {"is_active": False}, action=AuditAction.delete, entity_id=user.id
    )
