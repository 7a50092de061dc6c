"""The report: the tables of results, one line per target of issues #4 and #11, and the machine and code measured."""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.mixed import RSS_FLAT_FACTOR, RSS_SAMPLE_SECONDS
from benchmarks.results import FreshnessResult, MixedResult, Result, RunInfo, SyncResult, cache_bytes
from benchmarks.scenarios import NEAR_RADII_KM
from benchmarks.servers import PROJECT_ROOT
from benchmarks.sync import SYNC_PATH

# The targets of issue #4 ("Speed"); ratios are against the framework ceiling.
TARGET_SIZE = 100_000
TARGET_HOT_RATIO = 0.6
TARGET_304_RATIO = 0.8
TARGET_COLD_P99_MS = 20.0
TARGET_NEAR_P99_MS = 30.0
TARGET_DELTA_BYTES = 5_000
TARGET_MIXED_SECONDS = 60
TARGET_MIXED_CONNECTIONS = 64
# Issue #11 item 1, the cold search (`q`) through the full-text indexes: p99 at one connection, requests/s at 16.
TARGET_SEARCH_P99_MS = 15.0
TARGET_SEARCH_RPS = 300.0
TARGET_SEARCH_LOAD_CONNECTIONS = 16
# The targets of issue #11 ("every cold path as fast as a cached one"): ratios against the DRF peer and the raw
# (bare ASGI) ceiling, near-me latency at 1 and 16 connections.
TARGET_COLD_VS_PEER = 50.0
TARGET_HOT_RAW_RATIO = 0.6
TARGET_304_RAW_RATIO = 0.8
TARGET_NEAR_P99_MS_BY_CONNECTIONS = {1: 20.0, 16: 60.0}


def _ratio(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "-"


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| database | N | workers | conns | scenario | cache | status | requests/s | p50 ms | p99 ms | vs framework "
        "| vs raw | vs DRF | server CPU | requests | errors | rows matched |",
        "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for r in results:
        cpu = f"{r.server_cpu_percent:.0f}%" if r.server_cpu_percent is not None else "-"
        matched = f"{r.matched:,}" if r.matched is not None else "-"
        lines.append(
            f"| {r.database} | {r.size:,} | {r.workers} | {r.connections} | {r.label} | {r.cache} "
            f"| {r.expected_status} | {r.requests_per_s:,.1f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} "
            f"| {_ratio(r.ratio_to_ceiling)} | {_ratio(r.ratio_to_raw)} | {_ratio(r.ratio_to_peer)} | {cpu} "
            f"| {r.requests:,} | {r.unexpected + r.socket_errors} | {matched} |"
        )
    return "\n".join(lines)


def sync_table(syncs: list[SyncResult]) -> str:
    if not syncs:
        return ""
    lines = [
        "Delta sync: a full sync (pages until `has_more` is false) gives the cursor; then 10 changes (7 updates, "
        "2 new institutions, 1 soft deletion), each its own transaction through the app's ORM; then "
        f"`GET {SYNC_PATH}?since=<cursor>`. Wire bytes = status line + headers + body as sent.",
        "",
        "| database | N | full sync | encoding | upserts | deletes | body bytes | header bytes | wire bytes |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in syncs:
        full = (
            f"{s.full_sync_pages} pages, {s.full_sync_records:,} records, "
            f"{s.full_sync_wire_bytes / 1e6:,.1f} MB gzip, {s.full_sync_seconds:.1f} s"
        )
        for encoding in ("br", "gzip", "identity"):
            d = s.delta[encoding]
            lines.append(
                f"| {s.database} | {s.size:,} | {full} | {encoding} | {d['upserts']} | {d['deletes']} "
                f"| {d['body_bytes']:,} | {d['header_bytes']:,} | {d['wire_bytes']:,} |"
            )
    return "\n".join(lines)


def mixed_table(mixed: list[MixedResult]) -> str:
    if not mixed:
        return ""
    lines = [
        "Mixed run: each request drawn at random from "
        + ", ".join(mixed[0].routes)
        + " (`Accept-Encoding: gzip, br`); RSS is the server's VmRSS, sampled every "
        f"{RSS_SAMPLE_SECONDS:.0f} s; flat = end <= start x {RSS_FLAT_FACTOR:.2f}. Cached answers: the response "
        "cache's entries and their bytes (bodies and compressed copies) at the start and the end.",
        "",
        "| database | N | conns | seconds | requests/s | p50 ms | p99 ms | server CPU | requests | errors "
        "| RSS start MiB | RSS max MiB | RSS end MiB | memory | cached answers start -> end |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for m in mixed:
        cpu = f"{m.server_cpu_percent:.0f}%" if m.server_cpu_percent is not None else "-"
        cache = (
            f"{m.cache_start.get('cache_entries')} ({cache_bytes(m.cache_start) / 2**20:.1f} MiB) -> "
            f"{m.cache_end.get('cache_entries')} ({cache_bytes(m.cache_end) / 2**20:.1f} MiB)"
        )
        lines.append(
            f"| {m.database} | {m.size:,} | {m.connections} | {m.seconds:.0f} | {m.requests_per_s:,.1f} "
            f"| {m.p50_ms:.2f} | {m.p99_ms:.2f} | {cpu} | {m.requests:,} | {m.unexpected + m.socket_errors} "
            f"| {m.rss_start_kb / 1024:.1f} | {m.rss_max_kb / 1024:.1f} | {m.rss_end_kb / 1024:.1f} "
            f"| {'flat' if m.memory_flat else 'NOT flat'} | {cache} |"
        )
    return "\n".join(lines)


def freshness_table(checks: list[FreshnessResult]) -> str:
    if not checks:
        return ""
    lines = [
        "Freshness: one keep-alive connection held to each worker, each worker's response cache holding the "
        "listing, one record of the page changed through the app's ORM in another process; then each worker's "
        "first answers. At once = every worker reached and no stale answer after the commit.",
        "",
        "| database | N | workers | reached | stale answers | first fresh answer per worker, ms after commit "
        "| at once |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for f in checks:
        delays = ", ".join(f"{ms:.1f}" for ms in f.first_fresh_ms)
        lines.append(
            f"| {f.database} | {f.size:,} | {f.workers} | {f.workers_seen} | {f.stale_answers} | {delays} "
            f"| {'yes' if f.at_once else 'NO'} |"
        )
    return "\n".join(lines)


def _at(size: int) -> str:
    return "" if size == TARGET_SIZE else f" [N={size:,}, not {TARGET_SIZE:,}: indicative only]"


def target_lines(results: list[Result], syncs: list[SyncResult], mixed: list[MixedResult]) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = []
    for r in results:
        where = f"{r.database} N={r.size:,}, {r.connections} connections"
        if r.scenario == "listing" and r.cache == "hit" and r.ratio_to_ceiling is not None:
            lines.append(
                f"Target hot listing >= {TARGET_HOT_RATIO} of the framework ceiling, {where}: "
                f"{r.ratio_to_ceiling:.3f} -> {verdict(r.ratio_to_ceiling >= TARGET_HOT_RATIO)}"
            )
        elif r.scenario == "not_modified" and r.ratio_to_ceiling is not None:
            lines.append(
                f"Target 304 revalidation >= {TARGET_304_RATIO} of the framework ceiling, {where}: "
                f"{r.ratio_to_ceiling:.3f} -> {verdict(r.ratio_to_ceiling >= TARGET_304_RATIO)}"
            )
        elif r.scenario == "listing" and r.cache == "miss":
            lines.append(
                f"Target cold listing p99 < {TARGET_COLD_P99_MS:.0f} ms at N={TARGET_SIZE:,}, {where}: "
                f"p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < TARGET_COLD_P99_MS)}{_at(r.size)}"
            )
        elif r.scenario == "search" and r.cache == "miss" and r.connections == 1:
            lines.append(
                f"Target (#11) cold search p99 < {TARGET_SEARCH_P99_MS:.0f} ms at one connection, {where}: "
                f"p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < TARGET_SEARCH_P99_MS)}{_at(r.size)}"
            )
        elif r.scenario == "search" and r.cache == "miss" and r.connections == TARGET_SEARCH_LOAD_CONNECTIONS:
            lines.append(
                f"Target (#11) cold search >= {TARGET_SEARCH_RPS:.0f} requests/s at {TARGET_SEARCH_LOAD_CONNECTIONS} "
                f"connections on one worker, {where}: {r.requests_per_s:.1f} req/s -> "
                f"{verdict(r.requests_per_s >= TARGET_SEARCH_RPS)}{_at(r.size)}"
            )
        elif r.scenario in NEAR_RADII_KM:
            lines.append(
                f"Target near= p99 < {TARGET_NEAR_P99_MS:.0f} ms at N={TARGET_SIZE:,} ({r.label}, cache {r.cache}), "
                f"{where}: p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < TARGET_NEAR_P99_MS)}{_at(r.size)}"
            )
    lines += issue_11_lines(results)
    for s in syncs:
        best = min(s.delta["br"]["wire_bytes"], s.delta["gzip"]["wire_bytes"])
        lines.append(
            f"Target delta sync of 10 changes < {TARGET_DELTA_BYTES:,} bytes on the wire compressed, {s.database} "
            f"N={s.size:,}: br {s.delta['br']['wire_bytes']:,} B, gzip {s.delta['gzip']['wire_bytes']:,} B "
            f"(headers included) -> {verdict(best < TARGET_DELTA_BYTES)}{_at(s.size)}"
        )
    for m in mixed:
        errors = m.unexpected + m.socket_errors
        short = m.seconds < TARGET_MIXED_SECONDS - 1 or m.connections < TARGET_MIXED_CONNECTIONS
        note = f" [{m.seconds:.0f} s at {m.connections} connections: shorter or lighter than the target's]" * short
        lines.append(
            f"Target mixed run >= {TARGET_MIXED_SECONDS} s at {TARGET_MIXED_CONNECTIONS} connections, zero errors and "
            f"flat RSS, {m.database} N={m.size:,}: {errors} errors, RSS {m.rss_start_kb / 1024:.1f} -> "
            f"{m.rss_end_kb / 1024:.1f} MiB (max {m.rss_max_kb / 1024:.1f}; "
            f"{'flat' if m.memory_flat else 'NOT flat'}; of the {(m.rss_end_kb - m.rss_start_kb) / 1024:+.1f} MiB, the "
            f"response cache's own growth {m.cache_growth_bytes / 2**20:+.1f} MiB) -> "
            f"{verdict(errors == 0 and m.memory_flat and not short)}{note}"
        )
    return lines


def issue_11_lines(results: list[Result]) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = []
    for r in results:
        where = f"{r.database} N={r.size:,}, {r.workers} worker(s), {r.connections} connections"
        if r.scenario == "listing" and r.cache == "miss" and r.ratio_to_peer is not None:
            lines.append(
                f"Target (#11) cold listing >= {TARGET_COLD_VS_PEER:.0f}x the DRF peer, {where}: "
                f"{r.ratio_to_peer:.1f}x -> {verdict(r.ratio_to_peer >= TARGET_COLD_VS_PEER)}{_at(r.size)}"
            )
        elif r.scenario == "listing" and r.cache == "hit" and r.ratio_to_raw is not None:
            lines.append(
                f"Target (#11) hot listing >= {TARGET_HOT_RAW_RATIO} of the raw ASGI ceiling, {where}: "
                f"{r.ratio_to_raw:.3f} -> {verdict(r.ratio_to_raw >= TARGET_HOT_RAW_RATIO)}"
            )
        elif r.scenario == "not_modified" and r.ratio_to_raw is not None:
            lines.append(
                f"Target (#11) 304 >= {TARGET_304_RAW_RATIO} of the raw ASGI ceiling, {where}: "
                f"{r.ratio_to_raw:.3f} -> {verdict(r.ratio_to_raw >= TARGET_304_RAW_RATIO)}"
            )
        elif r.scenario == "near" and r.cache == "miss" and r.connections in TARGET_NEAR_P99_MS_BY_CONNECTIONS:
            limit = TARGET_NEAR_P99_MS_BY_CONNECTIONS[r.connections]
            lines.append(
                f"Target (#11) near= cold p99 < {limit:.0f} ms at {r.connections} connection(s), {where}: "
                f"p99 {r.p99_ms:.1f} ms -> {verdict(r.p99_ms < limit)}{_at(r.size)}"
            )
    return lines


def code_version() -> str:
    """The commit measured, and whether the work tree had changes on top of it."""
    git = shutil.which("git")
    if git is None:
        return "unknown"
    head = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        [git, "status", "--porcelain", "--", "app", "migrations"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + (" + uncommitted changes in app/ or migrations/" if dirty.stdout.strip() else "")


def machine_info(wrk: str) -> dict[str, Any]:
    version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    return {
        "code": code_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": (version.stdout or version.stderr).splitlines()[0] if (version.stdout or version.stderr) else "?",
    }


def print_and_write(info: RunInfo, args: argparse.Namespace, workdir: Path) -> int:
    """Print the tables and the targets, write results.md and results.json; return how many responses failed."""
    sections = [
        section
        for section in (
            markdown_table(info.results) if info.results else "",
            sync_table(info.syncs),
            mixed_table(info.mixed),
            freshness_table(info.freshness),
        )
        if section
    ]
    report = "\n\n".join(sections)
    targets = target_lines(info.results, info.syncs, info.mixed)
    settings = (
        f"wrk {args.threads} thread(s), {args.connections} connections, {args.warmup} s warm-up + "
        f"{args.duration} s per scenario; mixed run {args.mixed_warmup} s warm-up + {args.mixed_seconds} s at "
        f"{args.mixed_connections} connections; uvicorn workers {args.workers}; {info.machine['cpus']} CPUs; "
        f"load average {info.machine['load_average_at_start'][0]} at start, "
        f"{info.machine['load_average_at_end'][0]} at end; code {info.machine['code']}"
    )
    print(f"\n{settings}\n\n{report}\n")
    for line in targets:
        print(line)
    for f in info.freshness:
        if not f.at_once:
            print(f"NOT fresh at once: {f.database} N={f.size:,} with {f.workers} workers", file=sys.stderr)
    fills = ", ".join(f"{f['database']} N={f['size']:,}: {f['fill_s']} s" for f in info.fills)
    print(f"fill times: {fills}")
    print(f"whole run: {info.wall_seconds:.0f} s; server logs in {workdir}")

    errors = sum(r.unexpected + r.socket_errors for r in info.results)
    errors += sum(m.unexpected + m.socket_errors for m in info.mixed)
    errors += sum(not f.at_once for f in info.freshness)
    if errors:
        print(f"ERRORS: {errors} responses had an unexpected status or failed at the socket", file=sys.stderr)
        for r in info.results:
            if r.unexpected or r.socket_errors:
                print(f"  {r.database} N={r.size} {r.scenario}: {r.unexpected_statuses} socket {r.socket_errors}")
        for m in info.mixed:
            if m.unexpected or m.socket_errors:
                print(f"  {m.database} N={m.size} mixed: {m.unexpected_statuses} socket {m.socket_errors}")

    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.md").write_text(
        f"{settings}\n\n{report}\n\n" + "\n".join([*targets, f"fill times: {fills}"]) + "\n"
    )
    (args.output / "results.json").write_text(json.dumps(asdict(info), indent=2) + "\n")
    print(f"written: {args.output / 'results.md'}, {args.output / 'results.json'}")
    return errors
