from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import OAuth2PasswordBearer
from pydantic import ValidationError

from app.auth import repository
from app.auth.models import PasswordForm, Role, SignIn, User
from app.auth.security import claims_from_token
from app.auth.throttle import LoginThrottle
from app.core.config import API_PREFIX, SettingsDep
from app.core.db import SessionDep
from app.core.errors import ErrorDetail, ForbiddenError, InvalidBodyError, UnauthorizedError

TOKEN_URL = f"{API_PREFIX}/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


async def _current_user(
    session: SessionDep, settings: SettingsDep, token: Annotated[str | None, Depends(_bearer)]
) -> User:
    if not token:
        raise UnauthorizedError(f"Sign in first: send 'Authorization: Bearer <token>' from POST {TOKEN_URL}.")
    claims = claims_from_token(token, settings)
    user = await repository.get_user(session, claims.user_id) if claims else None
    # Checked on every request, so deactivating an account (or changing its password) stops its tokens at once.
    if user is None or claims is None or not user.is_active or claims.token_generation != user.token_generation:
        raise UnauthorizedError("The token is invalid or expired, or the account is inactive: sign in again.")
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


async def _optional_user(
    session: SessionDep, settings: SettingsDep, token: Annotated[str | None, Depends(_bearer)]
) -> User | None:
    """The account of a public route that answers more to some accounts. A token that is not valid (expired, of
    a deactivated account) counts as none: the public answer stays what it is for anyone."""
    try:
        return await _current_user(session, settings, token) if token else None
    except UnauthorizedError:
        return None


OptionalUser = Annotated[User | None, Depends(_optional_user)]
# For the OpenAPI operation of a route with OptionalUser: FastAPI lists the bearer scheme, and this adds the empty
# requirement that says a request without it is answered too.
OPTIONAL_SIGN_IN: dict[str, object] = {"security": [{}]}


async def _admin(user: CurrentUser) -> User:
    if user.role != Role.admin:
        raise ForbiddenError("Only administrators of the Technical Secretariat may do this.")
    return user


async def _editor(user: CurrentUser) -> User:
    if user.role not in (Role.admin, Role.editor):
        raise ForbiddenError("Only editors and administrators may change records.")
    return user


async def _curator(user: CurrentUser) -> User:
    if user.role not in (Role.admin, Role.editor, Role.reviewer):
        raise ForbiddenError("Only editors, reviewers and administrators may do this.")
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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
HOW_TO_SIGN_IN = (
    "Send your e-mail and password as the form fields 'username' and 'password' "
    "(Content-Type: application/x-www-form-urlencoded, the OAuth2 password flow), "
    'or as JSON {"email": "...", "password": "..."} (Content-Type: application/json).'
)


async def _sign_in(request: Request) -> SignIn:
    """The credentials of POST /auth/token, from the OAuth2 form or from JSON, told by the Content-Type."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    try:
        if media_type == "application/json":
            return SignIn.model_validate_json(await request.body())
        if media_type in FORM_TYPES:
            form = await request.form(max_files=0)
            fields = {name: value for name, value in form.items() if isinstance(value, str)}
            credentials = PasswordForm.model_validate(fields)
            return SignIn(email=credentials.username, password=credentials.password)
    except ValidationError as error:
        details = [
            ErrorDetail(location="body", field=".".join(str(part) for part in e["loc"]) or "body", message=e["msg"])
            for e in error.errors(include_url=False, include_input=False)
        ]
        wrong = ", ".join(sorted({f"'{detail.field}'" for detail in details}))
        raise InvalidBodyError(f"Invalid sign-in ({wrong}). {HOW_TO_SIGN_IN}", details) from None
    problem = f"'{media_type[:100]}' is not accepted" if media_type else "is missing"
    detail = ErrorDetail(location="header", field="content-type", message=problem)
    raise InvalidBodyError(f"Invalid sign-in (Content-Type). {HOW_TO_SIGN_IN}", [detail])


AdminUser = Annotated[User, Depends(_admin)]
EditorUser = Annotated[User, Depends(_editor)]
# Those who follow up the directory's data: editors, reviewers and administrators.
CuratorUser = Annotated[User, Depends(_curator)]


async def _never_cached(response: Response) -> None:
    response.headers["Cache-Control"] = "private, no-store"


# For a route's `dependencies=`: an answer for one account, which no cache may keep.
NEVER_CACHED = Depends(_never_cached)
LoginThrottleDep = Annotated[LoginThrottle, Depends(_login_throttle)]
SignInDep = Annotated[SignIn, Depends(_sign_in)]
