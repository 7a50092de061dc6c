"""Cursors a client crafted: well encoded (base64 of JSON) but not what the server made. Each gets a 4xx naming
`since`, never a 500."""

import asyncio
import base64
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories

URL = "/api/v1/sync"
# A cursor as the server makes it: a whole sync of GT done at change 0.
VALID: dict[str, Any] = {
    "v": 1,
    "base": 0,
    "upto": None,
    "kind": 0,
    "seq": -1,
    "id": "",
    "day": None,
    "countries": ["GT"],
}


def encoded(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def crafted(**changes: Any) -> str:
    return encoded({**VALID, **changes})


def without(key: str) -> str:
    return encoded({name: value for name, value in VALID.items() if name != key})


CRAFTED = [
    crafted(kind="institution"),
    crafted(kind=[0]),
    crafted(kind=-1),
    crafted(kind=True),
    crafted(base=-1e30),
    crafted(base=-2),
    crafted(seq=1e30),
    crafted(seq=1.0),
    crafted(base=10**30),
    crafted(upto=2**31),  # beyond the 32-bit change_seq column
    crafted(seq=-(2**63)),
    crafted(base="0"),
    crafted(base={"nested": {"deeper": [1, {"x": None}]}}),
    crafted(id="a\u0000b"),
    crafted(id="x" * 65),
    crafted(id=5),
    crafted(day="yesterday"),
    crafted(day=20261201),
    crafted(countries="GT"),
    crafted(countries=[["GT"]]),
    crafted(countries=["G\u0000"]),
    crafted(v=2),
    crafted(extra=1),
    without("kind"),
    without("base"),
    without("v"),
    encoded({"v": 1}),
    encoded([VALID]),
    encoded(None),
    encoded("a string"),
    encoded(1e30),
    base64.urlsafe_b64encode(b"[" * 1400).decode(),  # nesting deeper than a recursive parser allows
    base64.urlsafe_b64encode(b'{"v":1,"id":"\xff\xfe"}').decode(),  # not UTF-8
    "\U00059147\x0bR\u00d1\U000a996cM",  # not base64: characters outside ASCII (found by schemathesis)
]


async def test_crafted_cursors_get_422_naming_since(client: httpx.AsyncClient) -> None:
    assert (await client.get(URL, params={"since": crafted(), "country": "GT"})).status_code == 200
    observed = []
    for since in CRAFTED:
        response = await client.get(URL, params={"since": since, "country": "GT"})
        details = response.json()["error"]["details"] if response.status_code == 422 else []
        observed.append((since, response.status_code, [d["field"] for d in details]))
    assert observed == [(since, 422, ["since"]) for since in CRAFTED]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
# Values near the real ones (the directory is at change 1), and numbers of any size, so that many crafted cursors
# get past the first checks and reach the queries.
SMALL_OR_ANY = st.integers(-3, 3) | st.integers()
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "v": st.just(1),
    "base": SMALL_OR_ANY,
    "upto": st.none() | SMALL_OR_ANY,
    "kind": st.integers(-2, 8) | st.sampled_from(["institution", "0", "1"]),
    "seq": SMALL_OR_ANY,
    "id": st.text(max_size=70),
    "day": st.none() | st.dates().map(str),
    "countries": st.lists(st.sampled_from(["GT", "HN", "BZ", "XX", "gt"]), max_size=3),
}


@st.composite
def cursor_objects(draw: st.DrawFn) -> dict[str, Any]:
    """Each key of a real cursor: mostly a plausible value, sometimes any JSON value, sometimes missing; and
    now and then keys of no cursor."""
    payload: dict[str, Any] = {}
    if draw(st.integers(0, 4)) == 0:
        payload.update(draw(st.dictionaries(st.text(max_size=10), JSON_VALUES, min_size=1, max_size=2)))
    for name, plausible in PLAUSIBLE.items():
        choice = draw(st.integers(0, 9))
        if choice < 7:
            payload[name] = draw(plausible)
        elif choice < 9:
            payload[name] = draw(JSON_VALUES)
    return payload


async def test_random_cursor_contents_never_get_a_5xx(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await factories.add(session, factories.institution(country_code="GT"), factories.institution(country_code="HN"))
    loop = asyncio.get_running_loop()

    # Hypothesis drives a synchronous function: it runs in a thread and sends each request to this test's loop.
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(payload=cursor_objects())
    def never_a_server_error(payload: dict[str, Any]) -> None:
        countries = payload.get("countries")
        params: dict[str, Any] = {"since": encoded(payload)}
        if isinstance(countries, list) and all(isinstance(code, str) for code in countries):
            params["country"] = countries
        request = client.get(URL, params=params)
        response = asyncio.run_coroutine_threadsafe(request, loop).result(timeout=60)
        assert response.status_code in {200, 410, 422}, (payload, response.text)

    await asyncio.to_thread(never_a_server_error)
