"""Managing accounts (administrators, and the command line's first admin): every change audited."""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audited
from app.audit.models import AuditAction
from app.auth import repository
from app.auth.models import User, UserCreate, UserUpdate
from app.auth.security import hash_password
from app.core.config import Settings
from app.core.errors import ConflictError, InvalidParameterError
from app.core.http.etags import require_current
from app.countries.service import check_countries

ENTITY = "user"


async def _checked_password(settings: Settings, password: str) -> str:
    if len(password) < settings.min_password_length:
        raise InvalidParameterError("body", "password", f"must have at least {settings.min_password_length} characters")
    return await hash_password(password)


async def create_first_admin(session: AsyncSession, settings: Settings, data: UserCreate) -> User:
    """The command line's way in: an admin account with no admin to audit it against but itself."""
    user = await _new_user(session, settings, data)
    await audited.record_creation(session, user, ENTITY, user.id, user)
    return user


async def create_user(session: AsyncSession, settings: Settings, admin: User, data: UserCreate) -> User:
    user = await _new_user(session, settings, data)
    await audited.record_creation(session, admin, ENTITY, user.id, user)
    return user


async def _new_user(session: AsyncSession, settings: Settings, data: UserCreate) -> User:
    await check_countries(session, "countries", data.countries)
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
        await check_countries(session, "countries", changes["countries"])
        changes["countries"] = sorted(set(changes["countries"]))
    if "role" in changes:
        changes["role"] = changes["role"].value
    if user.id == admin.id and (changes.get("is_active") is False or changes.get("role", "admin") != "admin"):
        raise ConflictError("You may not deactivate your own account or take away your own admin role.")
    if data.password is not None:
        changes["password_hash"] = await _checked_password(settings, data.password.get_secret_value())
    if data.password is not None or (changes.get("is_active") is True and not user.is_active):
        changes["token_generation"] = user.token_generation + 1
    await audited.update(session, admin, ENTITY, user, changes, entity_id=user.id)


async def deactivate_user(session: AsyncSession, admin: User, user: User, if_match: list[str]) -> None:
    require_current(if_match, user.version)
    if user.id == admin.id:
        raise ConflictError("You may not deactivate your own account.")
    await audited.update(
        session, admin, ENTITY, user, {"is_active": False}, action=AuditAction.delete, entity_id=user.id
    )
