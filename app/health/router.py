from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import ServiceUnavailableError, error_responses
from app.core.migrations import head_revision

router = APIRouter(tags=["Health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    migration: str


@router.get("/healthz", summary="Liveness", description="The process is up. Touches nothing else.")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Readiness",
    description="The database answers and its schema is at the latest migration. 503 otherwise.",
    responses=error_responses(503),
)
async def readyz(request: Request) -> Readiness:
    expected = head_revision()
    try:
        async with request.app.state.engine.connect() as connection:
            current = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    except SQLAlchemyError:
        raise ServiceUnavailableError("The database is not reachable.") from None
    if current != expected:
        raise ServiceUnavailableError(
            f"The database schema is at '{current}', not at the latest migration '{expected}'.",
        )
    return Readiness(status="ok", database="ok", migration=expected)
