from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from app.accounts import service
from app.auth import repository
from app.auth.dependencies import AdminUser
from app.auth.models import User, UserCreate, UserPublic, UserUpdate
from app.core.config import API_PREFIX, SettingsDep
from app.core.db import SessionDep
from app.core.errors import error_responses, found
from app.core.http.etags import IfMatchDep, set_etag
from app.core.pagination import Page, PageDep
from app.core.urls import set_created

router = APIRouter(prefix="/users", tags=["Users"])


async def _user_from_path(
    session: SessionDep, user_id: Annotated[str, Path(max_length=64, description="The account's id.")]
) -> User:
    return found(await repository.get_user(session, user_id), f"account with id '{user_id}'")


UserDep = Annotated[User, Depends(_user_from_path)]
ADMIN_ERRORS = error_responses(401, 403, 422)


@router.get("", summary="List accounts (admin)", responses=ADMIN_ERRORS)
async def list_users(admin: AdminUser, session: SessionDep, page: PageDep) -> Page[UserPublic]:
    users, total = await repository.list_users(session, page)
    return page.of([UserPublic.build(u) for u in users], total)


@router.post(
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
    set_created(response, f"{API_PREFIX}/users/{user.id}", user.version)
    return UserPublic.build(user)


@router.get("/{user_id}", summary="Get an account (admin)", responses=error_responses(401, 403, 404, 422))
async def get_user(admin: AdminUser, user: UserDep, response: Response) -> UserPublic:
    set_etag(response, user.version)
    return UserPublic.build(user)


@router.patch(
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


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Deactivate an account (admin)",
    description="The account's tokens stop working at once. The account stays for the audit trail.",
    responses=error_responses(401, 403, 404, 409, 412, 428),
)
async def deactivate_user(admin: AdminUser, user: UserDep, if_match: IfMatchDep, session: SessionDep) -> None:
    await service.deactivate_user(session, admin, user, if_match)
