from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response, status

from app.auth import repository, service
from app.auth.dependencies import AdminUser, CurrentUser, LoginThrottleDep, SignInDep, client_address
from app.auth.models import PasswordForm, SignIn, Token, User, UserCreate, UserPublic, UserUpdate
from app.core.config import API_PREFIX, SettingsDep
from app.core.db import SessionDep
from app.core.errors import NotFoundError, error_responses
from app.core.http.etags import IfMatchDep, set_etag
from app.core.pagination import Page, PageDep

auth_router = APIRouter(prefix="/auth", tags=["Authentication"])
users_router = APIRouter(prefix="/users", tags=["Users"])

# The body is read by the SignInDep dependency, which takes either content type; this documents both.
SIGN_IN_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {"schema": PasswordForm.model_json_schema()},
        "application/json": {"schema": SignIn.model_json_schema()},
    },
}


@auth_router.post(
    "/token",
    summary="Sign in",
    description="Send `username` (your e-mail) and `password` as a form (the OAuth2 password flow, "
    '`application/x-www-form-urlencoded`), or `{"email": ..., "password": ...}` as `application/json`; use the '
    "`access_token` as `Authorization: Bearer <token>`. A client address that fails too often, for one account or "
    "for any, gets 429 with Retry-After; many failures for one account from anywhere only slow its sign-ins down, so "
    "strangers cannot lock its owner out. The answer never tells whether an account exists.",
    responses=error_responses(401, 422, 429),
    openapi_extra={"requestBody": SIGN_IN_BODY},
)
async def issue_token(
    credentials: SignInDep,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    throttle: LoginThrottleDep,
) -> Token:
    address = client_address(request, settings.trusted_proxies)
    return await service.sign_in(session, settings, throttle, credentials.email, credentials.password, address)


@auth_router.get("/me", summary="Who am I", responses=error_responses(401))
async def read_me(user: CurrentUser) -> UserPublic:
    return UserPublic.build(user)


async def _user_from_path(
    session: SessionDep, user_id: Annotated[str, Path(max_length=64, description="The account's id.")]
) -> User:
    user = await repository.get_user(session, user_id)
    if user is None:
        raise NotFoundError(f"No account with id '{user_id}'.")
    return user


UserDep = Annotated[User, Depends(_user_from_path)]
ADMIN_ERRORS = error_responses(401, 403, 422)


@users_router.get("", summary="List accounts (admin)", responses=ADMIN_ERRORS)
async def list_users(admin: AdminUser, session: SessionDep, page: PageDep) -> Page[UserPublic]:
    users, total = await repository.list_users(session, page)
    return Page(items=[UserPublic.build(u) for u in users], total=total, limit=page.limit, offset=page.offset)


@users_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an account (admin)",
    description="Editors may change records of the countries listed on their account; viewers may read private "
    "data (focal points' personal contacts) of theirs; administrators may do everything.",
    responses=error_responses(401, 403, 409, 413, 422),
)
async def create_user(
    data: UserCreate, admin: AdminUser, session: SessionDep, settings: SettingsDep, response: Response
) -> UserPublic:
    user = await service.create_user(session, settings, admin, data)
    set_etag(response, user.version)
    response.headers["Location"] = f"{API_PREFIX}/users/{user.id}"
    return UserPublic.build(user)


@users_router.get("/{user_id}", summary="Get an account (admin)", responses=error_responses(401, 403, 404, 422))
async def get_user(admin: AdminUser, user: UserDep, response: Response) -> UserPublic:
    set_etag(response, user.version)
    return UserPublic.build(user)


@users_router.patch(
    "/{user_id}",
    summary="Change an account (admin)",
    description="Role, countries, name, password or `is_active`, with `If-Match: <ETag>`.",
    responses=error_responses(401, 403, 404, 409, 412, 413, 422, 428),
)
async def update_user(
    data: UserUpdate,
    admin: AdminUser,
    user: UserDep,
    if_match: IfMatchDep,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> UserPublic:
    await service.update_user(session, settings, admin, user, data, if_match)
    set_etag(response, user.version)
    return UserPublic.build(user)


@users_router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Deactivate an account (admin)",
    description="The account's tokens stop working at once. The account stays for the audit trail.",
    responses=error_responses(401, 403, 404, 409, 412, 428),
)
async def deactivate_user(admin: AdminUser, user: UserDep, if_match: IfMatchDep, session: SessionDep) -> None:
    await service.deactivate_user(session, admin, user, if_match)
