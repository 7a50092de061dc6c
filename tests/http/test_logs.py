"""What reaches the logs: query parameter names but not their values (a child's location in `near=`), and no
bound values in database errors."""

import asyncio
import logging

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.core.config import Settings
from app.core.logs import ACCESS_LOGGER
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY
from tests.server import free_port

NEAR = "14.6349,-90.5069"
QUERY = {"near": NEAR, "q": "refugio casa"}


async def access_log_of_a_request(database_url: str, caplog: pytest.LogCaptureFixture, **settings: bool) -> str:
    """The access log line uvicorn writes for one request with `near` and `q` to a real server."""
    app = create_app(Settings(database_url=database_url, environment="test", secret_key=TEST_SECRET_KEY, **settings))
    port = free_port()
    # log_config=None: uvicorn leaves logging as it is, so caplog sees its records.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    serving = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(30):
            while not server.started:  # noqa: ASYNC110 (uvicorn offers a flag, not an event)
                await asyncio.sleep(0.01)
        with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
            async with httpx.AsyncClient() as http:
                response = await http.get(f"http://127.0.0.1:{port}/api/v1/institutions", params=QUERY)
            assert response.status_code == 200
    finally:
        server.should_exit = True
        await serving
    [line] = [record.getMessage() for record in caplog.records if record.name == ACCESS_LOGGER]
    return line


async def test_the_access_log_names_query_parameters_without_their_values(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    line = await access_log_of_a_request(database_url, caplog)
    assert "GET /api/v1/institutions?near&q HTTP/1.1" in line
    assert "14.6" not in line
    assert "refugio" not in line


async def test_full_query_logging_is_a_setting(database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    line = await access_log_of_a_request(database_url, caplog, log_full_query=True)
    assert "near=14.6349" in line
    assert "refugio" in line


async def test_database_errors_do_not_carry_bound_values(app: FastAPI) -> None:
    with pytest.raises(DBAPIError) as raised:
        async with app.state.engine.connect() as connection:
            await connection.execute(text("SELECT * FROM no_such_table WHERE x = :near"), {"near": NEAR})
    assert NEAR not in str(raised.value)
