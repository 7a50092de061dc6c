"""`python -m app <command>`: migrate, seed-demo, serve."""

import asyncio
import sys

import typer
import uvicorn
from pydantic import SecretStr

from app.auth.models import Role, UserCreate
from app.auth.service import create_first_admin
from app.core import migrations
from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker, refresh_statistics
from app.core.errors import AppError
from app.demo.seed import seed_demo

cli = typer.Typer(help="Protection Directory API: administration commands.", no_args_is_help=True)


@cli.command()
def migrate(revision: str = typer.Argument("head", help="Alembic revision to upgrade to.")) -> None:
    """Bring the database schema (and reference data) up to the latest migration."""
    migrations.upgrade(revision=revision)
    asyncio.run(_refresh_statistics())
    typer.echo(f"Database migrated to {revision}.")


async def _refresh_statistics() -> None:
    engine = create_engine(get_settings())
    try:
        await refresh_statistics(engine)
    finally:
        await engine.dispose()


@cli.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo directory (fictitious contacts) when the database holds no records yet."""

    async def run() -> int:
        engine = create_engine(get_settings())
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await seed_demo(session)
        finally:
            await engine.dispose()

    created = asyncio.run(run())
    asyncio.run(_refresh_statistics())
    if created:
        typer.echo(f"Loaded the demo directory: {created} records (all contacts fictitious).")
    else:
        typer.echo("The directory already holds records: demo data not loaded.")


@cli.command("create-admin")
def create_admin(
    email: str = typer.Option(..., help="The administrator's e-mail, used to sign in."),
    full_name: str = typer.Option("Administrator", help="The administrator's name."),
) -> None:
    """Create an administrator account. The password comes from ADMIN_PASSWORD, standard input, or a prompt."""
    settings = get_settings()
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    if password is None:
        password = sys.stdin.readline().strip() if not sys.stdin.isatty() else None
    if not password:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    data = UserCreate(email=email, full_name=full_name, password=SecretStr(password), role=Role.admin)

    async def run() -> None:
        engine = create_engine(settings)
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                await create_first_admin(session, settings, data)
        finally:
            await engine.dispose()

    try:
        asyncio.run(run())
    except AppError as error:
        typer.echo(f"Not created: {error.message}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"Administrator {data.email.lower()} created.")


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Reload on code changes (development)."),
) -> None:
    """Serve the API with uvicorn."""
    uvicorn.run("app.main:app", host=host, port=port, workers=workers, reload=reload, proxy_headers=True)
