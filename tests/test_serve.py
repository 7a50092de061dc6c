"""`python -m app serve`: as many worker processes as WEB_CONCURRENCY says, unless --workers says otherwise."""

from typing import Any

import pytest
from typer.testing import CliRunner

from app import cli as cli_module
from app.core.config import Settings


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}
    monkeypatch.setattr(cli_module, "get_settings", lambda: Settings(environment="test"))
    monkeypatch.setattr(cli_module.uvicorn, "run", lambda app, **options: calls.update(app=app, **options))
    return calls


@pytest.mark.parametrize(("web_concurrency", "workers"), [(None, 1), ("3", 3)])
def test_serve_runs_web_concurrency_workers(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch, web_concurrency: str | None, workers: int
) -> None:
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    if web_concurrency is not None:
        monkeypatch.setenv("WEB_CONCURRENCY", web_concurrency)
    result = CliRunner().invoke(cli_module.cli, ["serve"])
    assert result.exit_code == 0, result.output
    assert served["workers"] == workers


def test_serve_workers_option_wins_over_web_concurrency(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    result = CliRunner().invoke(cli_module.cli, ["serve", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert served["workers"] == 2


def test_web_concurrency_must_be_a_positive_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "0")
    with pytest.raises(ValueError, match="web_concurrency"):
        Settings(environment="test")
