"""Loads the demo directory. Placeholder until the demo data lands."""

from sqlalchemy.ext.asyncio import AsyncSession


async def seed_demo(session: AsyncSession) -> int:
    return 0
