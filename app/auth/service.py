"""Signing in: throttled, timing-safe, and silent about which accounts exist."""

import hashlib

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import repository
from app.auth.models import Token
from app.auth.security import create_access_token, verify_against_dummy, verify_password
from app.auth.throttle import LoginThrottle, ThrottleKey
from app.core.config import Settings
from app.core.errors import TooManyRequestsError, UnauthorizedError
from app.core.rate_limit import rate_limit_headers

SIGN_IN_REFUSED = "Incorrect e-mail or password."


async def sign_in(
    session: AsyncSession,
    settings: Settings,
    throttle: LoginThrottle,
    email: str,
    password: str,
    client_address: str,
) -> tuple[Token, dict[str, str]]:
    """The token, and the RateLimit headers of the client's sign-in quotas (also on the errors)."""
    email = email.strip().lower()
    # Hashed: any length of user name makes a key of one size, and the counters hold no e-mail addresses.
    account = hashlib.sha256(email.encode()).hexdigest()[:40]
    client = client_address[:64]
    # Strangers' failures never block the owner: only the client that failed is refused, for this account or for
    # all; the account's own count only slows every attempt down. Counted in this order, so a refused client adds
    # no counter for the account it tried.
    keys = [
        ThrottleKey(f"client:{client}", settings.login_failures_per_client, policy="sign-in-client"),
        ThrottleKey(
            f"account:{account}:client:{client}",
            settings.login_failures_per_account,
            reset_on_success=True,
            policy="sign-in-account",
        ),
        ThrottleKey(f"account:{account}", settings.login_account_slowdown_after, blocks=False),
    ]
    verdict = await throttle.attempt(keys)
    # Only this client's own quotas: the account-wide count would tell strangers of others' attempts.
    limits = rate_limit_headers(verdict.quotas)
    if verdict.retry_after is not None:
        wait = verdict.retry_after
        raise TooManyRequestsError(
            f"Too many failed sign-ins: try again in {wait} seconds.", retry_after=wait, headers=limits
        )
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
        raise UnauthorizedError(SIGN_IN_REFUSED, headers=limits)
    await throttle.succeeded(keys)
    resets = {key.policy for key in keys if key.reset_on_success}
    given_back = [quota.given_back(all_of_it=quota.policy in resets) for quota in verdict.quotas]
    token = create_access_token(user.id, user.token_generation, settings)
    return Token(access_token=token, expires_in=settings.access_token_minutes * 60), rate_limit_headers(given_back)
