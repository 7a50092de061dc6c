"""The mixed load run: all the routes at random for a minute, watching the server's memory and response cache."""

import argparse
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.results import MixedResult
from benchmarks.scenarios import NEAR_RADII_KM, busted, listing_path, near_path, probe_listing
from benchmarks.servers import HOST, BenchmarkError, Server, cpu_ticks, http_request, rss_kb, wait_idle
from benchmarks.sync import sync_url
from benchmarks.wrk import MIXED_SCRIPT, wrk_command, wrk_report

RSS_FLAT_FACTOR = 1.10
RSS_SAMPLE_SECONDS = 5.0


def mixed_routes(server: "Server", args: argparse.Namespace, cursor: str) -> list[tuple[str, int, bool, str, str, str]]:
    """(key, expected status, cold, path, header name, header value) of each route, each checked once."""
    listing, page = probe_listing(server, args)  # the ETag of now: the changes made the probe's one stale
    etag = str(listing.header("etag"))
    record_id = page["items"][0]["id"]
    routes = [
        ("listing_hit", 200, False, listing_path(args), "", ""),
        ("listing_cold", 200, True, listing_path(args), "", ""),
        ("not_modified", 304, False, listing_path(args), "If-None-Match", etag),
        ("near_hit", 200, False, near_path(args, NEAR_RADII_KM["near"]), "", ""),
        ("near_cold", 200, True, near_path(args, NEAR_RADII_KM["near"]), "", ""),
        ("by_id", 200, False, f"/api/v1/institutions/{quote(record_id)}", "", ""),
        ("sync_delta", 200, False, sync_url(cursor), "", ""),
        ("countries", 200, False, "/api/v1/countries", "", ""),
        ("emergency_services", 200, False, "/api/v1/emergency-services", "", ""),
    ]
    for key, expect, cold, path, name, value in routes:
        target = busted(path) if cold else path
        headers = {"Accept-Encoding": "gzip, br", **({name: value} if name else {})}
        reply = http_request(server.port, target, headers)
        if reply.status != expect:
            raise BenchmarkError(f"mixed route {key}: GET {target} answered {reply.status}, not {expect}")
    return routes


def bench_stats(server: "Server") -> dict[str, Any]:
    reply = http_request(server.port, "/__bench_stats")
    return dict(json.loads(reply.body)) if reply.status == 200 else {}


def run_mixed_wrk(
    wrk: str, server: "Server", plan_file: Path, seconds: int, connections: int, run_label: str, samples: list[int]
) -> dict[str, Any]:
    """The mixed wrk run, one thread per connection (see mixed.lua); samples the server's RSS every few seconds."""
    command = [
        *wrk_command(wrk, connections, connections, seconds, MIXED_SCRIPT),
        f"http://{HOST}:{server.port}/",
        "--",
        str(plan_file),
        run_label,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + seconds + 60
    try:
        while True:
            try:
                stdout, stderr = process.communicate(timeout=RSS_SAMPLE_SECONDS)
                break
            except subprocess.TimeoutExpired:
                rss = rss_kb(server.pid)
                if rss is not None:
                    samples.append(rss)
                if time.monotonic() > deadline:
                    raise BenchmarkError(
                        f"wrk still running {seconds + 60} s after a {seconds} s run started"
                    ) from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return wrk_report(stdout, stderr, process.returncode)


def mixed_run(
    server: "Server",
    database: str,
    size: int,
    cursor: str,
    args: argparse.Namespace,
    wrk: str,
    workdir: Path,
    pg: tuple[str, str] | None,
) -> MixedResult:
    routes = mixed_routes(server, args, cursor)
    plan_file = workdir / f"mixed_{database}_{size}.tsv"
    plan_file.write_text(
        "".join("\t".join(str(int(v) if isinstance(v, bool) else v) for v in r) + "\n" for r in routes)
    )
    connections = args.mixed_connections
    print(f"  mixed run: {args.mixed_seconds} s at {connections} connections over {len(routes)} routes", flush=True)
    if args.mixed_warmup > 0:
        run_mixed_wrk(wrk, server, plan_file, args.mixed_warmup, connections, "w", [])
        wait_idle(server.pid, pg)
    cache_start = bench_stats(server)
    rss_start = rss_kb(server.pid) or 0
    samples = [rss_start]
    ticks_before = cpu_ticks(server.pid)
    report = run_mixed_wrk(wrk, server, plan_file, args.mixed_seconds, connections, "m", samples)
    ticks_after = cpu_ticks(server.pid)
    rss_end = rss_kb(server.pid) or 0
    samples.append(rss_end)
    wait_idle(server.pid, pg)
    cache_end = bench_stats(server)
    seconds = report["duration_us"] / 1e6
    cpu = None
    if ticks_before is not None and ticks_after is not None and seconds > 0:
        cpu = 100.0 * (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / seconds
    requests = int(report["requests"])
    result = MixedResult(
        database=database,
        size=size,
        connections=connections,
        routes=[r[0] for r in routes],
        seconds=round(seconds, 3),
        requests=requests,
        requests_per_s=requests / seconds if seconds else 0.0,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        unexpected=int(report["unexpected"]),
        unexpected_statuses=dict(report["unexpected_statuses"]),
        socket_errors=sum(int(report[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        server_cpu_percent=cpu,
        rss_start_kb=rss_start,
        rss_end_kb=rss_end,
        rss_max_kb=max(samples),
        rss_samples_kb=samples,
        memory_flat=rss_end <= rss_start * RSS_FLAT_FACTOR,
        cache_start=cache_start,
        cache_end=cache_end,
    )
    print(
        f"  mixed: {result.requests_per_s:.1f} req/s, p99 {result.p99_ms:.1f} ms, "
        f"{result.unexpected + result.socket_errors} errors; RSS {rss_start / 1024:.1f} -> {rss_end / 1024:.1f} MiB "
        f"(max {result.rss_max_kb / 1024:.1f}): {'flat' if result.memory_flat else 'NOT flat'}",
        flush=True,
    )
    return result
