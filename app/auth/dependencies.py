from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from app.auth import repository
from app.auth.models import Role, User
from app.auth.security import claims_from_token
from app.auth.throttle import LoginThrottle
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, UnauthorizedError

TOKEN_URL = "/api/v1/auth/token"  # noqa: S105  (a route, not a secret)
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


async def _current_user(
    session: SessionDep, settings: SettingsDep, token: Annotated[str | None, Depends(_bearer)]
) -> User:
    if not token:
        raise UnauthorizedError("Sign in first: send 'Authorization: Bearer <token>' from POST /api/v1/auth/token.")
    claims = claims_from_token(token, settings)
    user = await repository.get_user(session, claims.user_id) if claims else None
    # Checked on every request, so deactivating an account (or changing its password) stops its tokens at once.
    if user is None or claims is None or not user.is_active or claims.token_generation != user.token_generation:
        raise UnauthorizedError("The token is invalid or expired, or the account is inactive: sign in again.")
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


async def _admin(user: CurrentUser) -> User:
    if user.role != Role.admin:
        raise ForbiddenError("Only administrators of the Technical Secretariat may do this.")
    return user


async def _editor(user: CurrentUser) -> User:
    if user.role not in (Role.admin, Role.editor):
        raise ForbiddenError("Only editors and administrators may change records.")
    return user


async def _login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


def client_address(request: Request, trusted_proxies: int) -> str:
    """The client's address; behind N trusted proxies, the N-th address from the right of X-Forwarded-For."""
    if trusted_proxies:
        forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
        if len(forwarded) >= trusted_proxies:
            return forwarded[-trusted_proxies]
    return request.client.host if request.client else "unknown"


AdminUser = Annotated[User, Depends(_admin)]
EditorUser = Annotated[User, Depends(_editor)]
LoginThrottleDep = Annotated[LoginThrottle, Depends(_login_throttle)]
