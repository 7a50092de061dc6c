from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.auth.models import User
from app.core.pagination import PageParams


async def get_user(session: AsyncSession, user_id: str) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.scalars(select(User).where(col(User.email) == email.strip().lower()))).one_or_none()


async def list_users(session: AsyncSession, page: PageParams) -> tuple[Sequence[User], int]:
    total = await session.scalar(select(func.count()).select_from(User))
    statement = select(User).order_by(col(User.email)).limit(page.limit).offset(page.offset)
    return (await session.scalars(statement)).all(), total or 0


async def add_user(session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user
