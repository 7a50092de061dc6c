"""docs/openapi.json as the tools a MigrantApp developer uses see it: Redocly's linter, a TypeScript client
(openapi-typescript, then `tsc --strict`) and a Python client (openapi-python-client), each without an error or a
warning. The copy is checked against the running app by tests/test_openapi_snapshot.py.

The Node tools are pinned in tools/clients/package-lock.json (`npm ci` there; .ci/run does). Without them the
Node tests are skipped with the reason; under CI=true they fail instead. openapi-python-client is a dev dependency.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "tools" / "clients"
DOCUMENT = ROOT / "docs" / "openapi.json"
NODE_BIN = CLIENTS / "node_modules" / ".bin"
# No telemetry or update check: CI reaches no other host, and neither should a developer's test run.
NODE_ENV = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}


def node_tool(name: str) -> Path:
    tool = NODE_BIN / name
    if not tool.exists():
        message = f"No {name} at {tool} (run `npm ci` in tools/clients; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: the client checks are required under CI=true", pytrace=False)
        pytest.skip(message)
    return tool


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_linter_finds_no_error_and_no_warning() -> None:
    redocly = node_tool("redocly")
    result = run([redocly, "lint", "--config", "redocly.yaml", "--format=json", DOCUMENT], CLIENTS, NODE_ENV)
    report = json.loads(result.stdout)
    problems = [f"{p['severity']} {p['ruleId']}: {p['message']} {p['location']}" for p in report["problems"]]
    assert report["totals"] == {"errors": 0, "warnings": 0, "ignored": 0}, problems
    assert result.returncode == 0, result.stderr


def test_the_typescript_client_generates_without_warnings_and_compiles_strictly(tmp_path: Path) -> None:
    generator, tsc = node_tool("openapi-typescript"), node_tool("tsc")
    (tmp_path / "generated").mkdir()
    for name in ("usage.ts", "tsconfig.json"):
        shutil.copy(CLIENTS / name, tmp_path / name)
    output = tmp_path / "generated" / "api.d.ts"

    generated = run([generator, DOCUMENT, "-o", output, "--redocly", CLIENTS / "redocly.yaml"], CLIENTS, NODE_ENV)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    said = (generated.stdout + generated.stderr).lower()
    assert "⚠" not in said, said
    assert "warn" not in said, said
    compiled = run([tsc, "--project", tmp_path / "tsconfig.json", "--strict", "--noEmit"], tmp_path, NODE_ENV)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr


def test_the_python_client_generates_without_warnings_and_imports(tmp_path: Path) -> None:
    venv_bin = Path(sys.executable).parent
    # Its post-generation hooks run ruff, found on the PATH.
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    package = tmp_path / "protection_directory_client"
    command = [
        venv_bin / "openapi-python-client",
        "generate",
        "--path",
        DOCUMENT,
        "--config",
        CLIENTS / "openapi-python-client.yaml",
        "--meta",
        "none",
        "--output-path",
        package,
    ]
    result = run(command, tmp_path, env)

    said = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode == 0, said
    assert said == [f"Generating {package}"], said  # anything else is a warning or a part left out
    check = (
        "from protection_directory_client.api.institutions import list_institutions\n"
        "from protection_directory_client.models import CoverageReport, ErrorBody, ErrorBodyKnownErrorCode\n"
        "from protection_directory_client.models import ServiceCoverage\n"
        "known = ErrorBody.from_dict({'status': 429, 'code': 'too_many_requests', 'message': 'm'})\n"
        "assert known.code is ErrorBodyKnownErrorCode.TOO_MANY_REQUESTS\n"
        "# v1 may add codes: a client generated today still reads one it does not know\n"
        "assert ErrorBody.from_dict({'status': 400, 'code': 'added_later', 'message': 'm'}).code == 'added_later'\n"
    )
    imported = run([sys.executable, "-c", check], tmp_path, {**env, "PYTHONPATH": str(tmp_path)})
    assert imported.returncode == 0, imported.stderr
