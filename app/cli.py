"""`python -m app <command>`: migrate, seed-demo, create-admin, import, reminders, serve."""

import asyncio
import sys
from itertools import groupby
from pathlib import Path

import typer
import uvicorn
from pydantic import SecretStr

from app.accounts.service import create_first_admin
from app.auth import repository as users
from app.auth.models import Role, UserCreate
from app.core import migrations
from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker, refresh_statistics
from app.core.errors import AppError
from app.core.types import utcnow
from app.demo.seed import seed_demo
from app.imports import service as imports
from app.imports.models import ImportResult
from app.reconfirmations.models import Reconfirmation
from app.spreadsheets.layouts import LAYOUTS, ResourceType
from app.spreadsheets.parser import Limits, Sheet, parse

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


@cli.command("import")
def import_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The .csv or .xlsx file."),
    type: ResourceType = typer.Option(..., "--type", help="The resource type of every row."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
    as_email: str = typer.Option(
        ..., "--as", help="The e-mail of the active editor or administrator the audit trail names for the changes."
    ),
    allow_duplicates: bool = typer.Option(False, help="Create likely duplicates, reporting them as warnings."),
    errors_csv: Path | None = typer.Option(
        None, "--errors-csv", dir_okay=False, help="Write the rows in error here (as sent, plus an errors column)."
    ),
) -> None:
    """Import a spreadsheet as POST /api/v1/imports does: the same checks, the same report, all rows or none.

    The changes are made as the account given with --as, with its country rights, and each is in the audit trail
    under that account: an import from the command line is never anonymous."""
    from rich.console import Console
    from rich.progress import Progress

    settings = get_settings()
    console = Console(stderr=True)
    limits = Limits(settings.max_import_bytes, settings.max_import_rows, settings.max_import_cell_chars)

    async def run(sheet: Sheet) -> ImportResult:
        engine = create_engine(settings)
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                user = await users.get_user_by_email(session, as_email.strip().lower())
                if user is None or not user.is_active or user.role not in (Role.admin, Role.editor):
                    raise typer.BadParameter(f"no active editor or administrator '{as_email}'", param_hint="--as")
                with Progress(console=console, transient=True, disable=len(sheet.rows) < 500) as progress:
                    task = progress.add_task("Checking rows", total=len(sheet.rows))
                    return await imports.import_sheet(
                        session,
                        user,
                        LAYOUTS[type],
                        sheet,
                        dry_run=dry_run,
                        allow_duplicates=allow_duplicates,
                        progress=lambda done: progress.advance(task, done),
                    )
        finally:
            await engine.dispose()

    try:
        sheet = parse(file.name, file.read_bytes(), limits)
        report = asyncio.run(run(sheet))
    except AppError as error:
        typer.echo(f"Not imported: {error.message}", err=True)
        raise typer.Exit(code=1) from None
    summary = report.summary
    for row in report.rows:
        for problem in row.errors:
            typer.echo(f"row {row.row}, {problem.column or 'row'}: {problem.message}", err=True)
        for problem in row.warnings:
            typer.echo(f"row {row.row}, {problem.column or 'row'} (warning): {problem.message}", err=True)
    if errors_csv is not None and summary.error:
        from app.spreadsheets.writer import write_csv

        headers, rows = imports.failed_rows(sheet, report)
        errors_csv.write_bytes(write_csv(headers, rows))
        typer.echo(f"The {summary.error} rows in error are in {errors_csv}.", err=True)
    state = (
        "applied"
        if report.applied
        else f"proposed for review as batch {report.batch_id}"
        if report.batch_id
        else "dry run, nothing written"
        if dry_run
        else "nothing written"
    )
    typer.echo(
        f"{type.value}: {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.error} in error ({state})."
    )
    if summary.error:
        raise typer.Exit(code=1)


@cli.command()
def reminders(
    country: list[str] = typer.Option([], "--country", help="Only this country (ISO code; repeatable)."),
    csv_file: Path | None = typer.Option(
        None, "--csv", dir_okay=False, help="Write the records due as CSV here instead of printing them."
    ),
) -> None:
    """The records due to be confirmed again, per country, for the Technical Secretariat to send to the focal
    points: those GET /api/v1/reconfirmations lists (no e-mail is sent)."""
    from app.reconfirmations import repository as reconfirmations
    from app.reports.records import record_types
    from app.spreadsheets.writer import write_csv

    settings = get_settings()
    codes = sorted({code.strip().upper() for code in country if code.strip()}) or None

    async def run() -> list[Reconfirmation]:
        engine = create_engine(settings)
        try:
            async with create_sessionmaker(engine)() as session:
                found, _ = await reconfirmations.due_records(
                    session, settings, countries=codes, record_types=record_types(None), now=utcnow()
                )
                return found
        finally:
            await engine.dispose()

    due = sorted(asyncio.run(run()), key=lambda item: item.country_code)  # stable: oldest first in each country
    if csv_file is not None:
        headers = ["country_code", "record_type", "record_id", "name", "last_verified_at", "reconfirm_by", "overdue"]
        rows = [
            [
                item.country_code,
                item.record_type.value,
                item.record_id,
                item.name,
                item.last_verified_at.isoformat() if item.last_verified_at else "",
                item.reconfirm_by.isoformat(),
                "yes" if item.overdue else "no",
            ]
            for item in due
        ]
        csv_file.write_bytes(write_csv(headers, rows))
        typer.echo(f"{len(due)} records due written to {csv_file}.")
        return
    for code, items in groupby(due, key=lambda item: item.country_code):
        typer.echo(f"{code}:")
        for item in items:
            last = item.last_verified_at.date().isoformat() if item.last_verified_at else "never"
            state = "overdue since" if item.overdue else "due by"
            typer.echo(
                f"  {item.record_type.value:<17} {item.name} (last confirmed {last}; {state} "
                f"{item.reconfirm_by.date().isoformat()}) {item.record_id}"
            )
    typer.echo(f"{len(due)} records due.")


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int | None = typer.Option(None, help="Worker processes (default: WEB_CONCURRENCY, else 1)."),
    reload: bool = typer.Option(False, help="Reload on code changes (development)."),
) -> None:
    """Serve the API with uvicorn."""
    workers = workers or get_settings().web_concurrency
    uvicorn.run(
        "app.main:create_app", factory=True, host=host, port=port, workers=workers, reload=reload, proxy_headers=True
    )
