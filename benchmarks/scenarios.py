"""The load scenarios: what each asks for, the checks made before any load, and their measured wrk runs."""

import argparse
import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from benchmarks.results import Result, RunInfo
from benchmarks.servers import HOST, BenchmarkError, Reply, Server, cpu_ticks, http_request, wait_idle
from benchmarks.wrk import LUA_SCRIPTS, run_wrk, wrk_command

CACHE_BUSTER = "_bench"

# Scenario keys, for --scenarios. The two ceilings run whenever a load scenario does (the ratios need them);
# `mixed` includes the delta sync (its cursor is one of the mixed routes).
LOAD_KEYS = ("listing", "search", "by_id", "not_modified", "near", "near_100", "drf")
CEILING_KEYS = ("ceiling", "raw_ceiling")
SCENARIO_KEYS = (*LOAD_KEYS, *CEILING_KEYS, "delta_sync", "freshness", "mixed")
NEAR_RADII_KM = {"near": 25, "near_100": 100}


@dataclass
class Scenario:
    key: str
    label: str
    path: str
    cache: str  # "hit": the same URL every time, so the app's response cache answers; "miss": a new URL each time
    expect: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    peer: bool = False  # served by the DRF peer, not the app


def listing_path(args: argparse.Namespace) -> str:
    return "/api/v1/institutions?" + urlencode(
        {"country": args.country, "service_type": args.service_type, "limit": 50}
    )


def near_path(args: argparse.Namespace, radius_km: int) -> str:
    return f"/api/v1/institutions?near={args.near_lat},{args.near_lon}&radius_km={radius_km}"


def scenarios(args: argparse.Namespace, record_id: str, etag: str, with_peer: bool) -> list[Scenario]:
    listing = listing_path(args)
    routes = [
        ("listing", f"listing country={args.country} service_type={args.service_type} limit=50", listing),
        ("search", f"search q={args.q} limit=20", "/api/v1/institutions?" + urlencode({"q": args.q, "limit": 20})),
        ("by_id", "one record by id", f"/api/v1/institutions/{quote(record_id)}"),
        *(
            (key, f"near {args.near_name} radius_km={radius}", near_path(args, radius))
            for key, radius in NEAR_RADII_KM.items()
        ),
    ]
    plan: list[Scenario] = []
    for key, label, path in routes:
        if key in args.scenario_keys:
            plan += [Scenario(key, label, path, cache) for cache in args.cache_modes]
        if key == "listing" and "not_modified" in args.scenario_keys:
            conditional = (("If-None-Match", etag),)
            title = "304: listing, If-None-Match current ETag"
            plan.append(Scenario("not_modified", title, listing, "hit", 304, conditional))
    if with_peer:
        title = f"DRF peer: listing country={args.country} service_type={args.service_type} limit=50"
        plan.append(Scenario("drf", title, listing, "-", peer=True))
    if any(key in args.scenario_keys for key in LOAD_KEYS):
        plan.append(Scenario("ceiling", "framework ceiling: listing bytes, precomputed", "/__ceiling", "-"))
        plan.append(Scenario("raw_ceiling", "raw ASGI ceiling: listing bytes, precomputed", "/__raw_ceiling", "-"))
    return plan


def busted(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{CACHE_BUSTER}=probe"


def probe_listing(server: "Server", args: argparse.Namespace) -> tuple[Reply, dict[str, Any]]:
    path = listing_path(args)
    reply = http_request(server.port, path)
    if reply.status != 200:
        raise BenchmarkError(f"GET {path} answered {reply.status}: {reply.body[:300]!r}")
    page = json.loads(reply.body)
    if not page["items"]:
        raise BenchmarkError(f"GET {path} found no institution: fill more rows or pick another filter")
    if not reply.header("etag"):
        raise BenchmarkError(f"GET {path} answered without an ETag: nothing to revalidate")
    return reply, page


def probe_peer(peer: "Server", args: argparse.Namespace, page: dict[str, Any]) -> None:
    """The DRF peer must list the same rows in the same order, with the same fields and values, and count them."""
    reply = http_request(peer.port, listing_path(args))
    if reply.status != 200:
        raise BenchmarkError(f"the DRF peer answered {reply.status}: {reply.body[:300]!r}")
    theirs = json.loads(reply.body)
    if theirs["count"] != page["total"] or theirs["results"] != page["items"]:
        raise BenchmarkError("the DRF peer's listing differs from the app's: not the same rows, order or fields")


def probe(
    server: "Server", args: argparse.Namespace, peer: "Server | None" = None
) -> tuple[list[Scenario], dict[str, int | None]]:
    """One request per route before any load: statuses, the ceilings' bytes, an id, and how many rows match.

    Also checks that the cache-busting query parameter changes nothing in the answer, that the conditional
    request gets a 304 without a body, and that the DRF peer (if any) lists exactly what the app does.
    """
    listing, page = probe_listing(server, args)
    for route in ("/__ceiling", "/__raw_ceiling"):
        reply = http_request(server.port, route)
        same_type = reply.header("content-type") == listing.header("content-type")
        if reply.status != 200 or reply.body != listing.body or not same_type:
            raise BenchmarkError(f"{route} does not return the listing's bytes and Content-Type")
    if peer is not None:
        probe_peer(peer, args, page)
    record_id = page["items"][len(page["items"]) // 2]["id"]
    total = page["total"]
    matched: dict[str, int | None] = {
        "listing": total,
        "drf": total,
        "not_modified": total,
        "ceiling": total,
        "raw_ceiling": total,
        "by_id": 1,
    }
    plan = scenarios(args, record_id, str(listing.header("etag")), peer is not None)
    for scenario in plan:
        if scenario.key in CEILING_KEYS or scenario.peer:
            continue
        reply = http_request(server.port, scenario.path, dict(scenario.headers))
        if reply.status != scenario.expect:
            raise BenchmarkError(
                f"GET {scenario.path} {dict(scenario.headers)} answered {reply.status}, not {scenario.expect}: "
                f"{reply.body[:300]!r}"
            )
        if scenario.expect == 304 and reply.body:
            raise BenchmarkError(f"GET {scenario.path} answered 304 with a body of {len(reply.body)} bytes")
        if scenario.cache == "miss":
            other = http_request(server.port, busted(scenario.path), dict(scenario.headers))
            if other.status != reply.status or other.body != reply.body:
                raise BenchmarkError(f"the app answers {busted(scenario.path)} differently: cannot bust its cache")
        if scenario.key in ("search", *NEAR_RADII_KM):
            matched[scenario.key] = json.loads(reply.body)["total"]
    return plan, matched


def run_scenario(
    wrk: str, port: int, scenario: Scenario, seconds: int, connections: int, threads: int, run_label: str
) -> dict[str, Any]:
    command = wrk_command(wrk, threads, connections, seconds, LUA_SCRIPTS[scenario.cache])
    for name, value in scenario.headers:
        command += ["--header", f"{name}: {value}"]
    # After `--`: the Lua scripts' arguments, the expected status and a label that differs between runs.
    command += [f"http://{HOST}:{port}{scenario.path}", "--", str(scenario.expect), run_label]
    return run_wrk(command, seconds)


def load_scenarios(
    server: "Server",
    database: str,
    size: int,
    args: argparse.Namespace,
    wrk: str,
    info: RunInfo,
    pg: tuple[str, str] | None,
    peer: "Server | None" = None,
) -> None:
    """Each scenario at each connection count, the ceilings and the DRF peer (when given) in the same run."""
    plan, matched = probe(server, args, peer)
    for connections in args.connection_list:
        batch: list[Result] = []
        for scenario in plan:
            target = peer if scenario.peer and peer is not None else server
            if args.warmup > 0:
                run_scenario(wrk, target.port, scenario, args.warmup, connections, args.threads, "w")
                wait_idle(target.pid, pg)
            ticks_before = cpu_ticks(target.pid)
            report = run_scenario(wrk, target.port, scenario, args.duration, connections, args.threads, "m")
            ticks_after = cpu_ticks(target.pid)
            wait_idle(target.pid, pg)
            result = make_result(database, size, connections, scenario, report, ticks_before, ticks_after)
            result.workers = 1 if scenario.peer else server.workers
            result.matched = matched.get(scenario.key)
            batch.append(result)
            print_progress(result)
        ceiling = next(r for r in batch if r.scenario == "ceiling")
        raw = next(r for r in batch if r.scenario == "raw_ceiling")
        drf = next((r for r in batch if r.scenario == "drf"), None)
        for result in batch:
            if ceiling.requests_per_s:
                result.ratio_to_ceiling = result.requests_per_s / ceiling.requests_per_s
            if raw.requests_per_s:
                result.ratio_to_raw = result.requests_per_s / raw.requests_per_s
            if drf is not None and drf.requests_per_s:
                result.ratio_to_peer = result.requests_per_s / drf.requests_per_s
        info.results.extend(batch)


def make_result(
    database: str,
    size: int,
    connections: int,
    scenario: Scenario,
    report: dict[str, Any],
    ticks_before: int | None,
    ticks_after: int | None,
) -> Result:
    seconds = report["duration_us"] / 1e6
    cpu = None
    if ticks_before is not None and ticks_after is not None and seconds > 0:
        cpu = 100.0 * (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / seconds
    requests = int(report["requests"])
    return Result(
        database=database,
        size=size,
        connections=connections,
        scenario=scenario.key,
        cache=scenario.cache,
        label=scenario.label,
        path=scenario.path,
        expected_status=scenario.expect,
        requests=requests,
        seconds=round(seconds, 3),
        requests_per_s=requests / seconds if seconds else 0.0,
        p50_ms=report["p50_us"] / 1000,
        p90_ms=report["p90_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        unexpected=int(report["unexpected"]),
        unexpected_statuses=dict(report["unexpected_statuses"]),
        socket_errors=sum(int(report[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        server_cpu_percent=cpu,
        response_bytes=int(report["bytes"] / requests) if requests else 0,
        matched=None,
    )


def print_progress(r: Result) -> None:
    print(
        f"  w={r.workers} c={r.connections:<3} {r.label:<55} {r.cache:<4} {r.requests_per_s:8.1f} req/s  "
        f"p50 {r.p50_ms:8.2f} ms  p99 {r.p99_ms:8.2f} ms  "
        f"({r.requests} requests, {r.unexpected + r.socket_errors} errors)",
        flush=True,
    )
