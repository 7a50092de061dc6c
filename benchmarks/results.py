"""What a run measured: one record per load scenario, per delta sync and per mixed run, and the run as a whole."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    database: str
    size: int
    connections: int
    scenario: str
    cache: str
    label: str
    path: str
    expected_status: int
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int
    unexpected_statuses: dict[str, int]
    socket_errors: int
    server_cpu_percent: float | None
    response_bytes: int
    matched: int | None
    ratio_to_ceiling: float | None = None
    ratio_to_raw: float | None = None
    ratio_to_peer: float | None = None  # over the DRF peer's requests/s in the same run (SQLite only)
    workers: int = 1


@dataclass
class SyncResult:
    """The full sync that gives a cursor, the changes made, and the delta sync's answer in each encoding."""

    database: str
    size: int
    full_sync_pages: int
    full_sync_records: int
    full_sync_seconds: float
    full_sync_wire_bytes: int
    changes_made: dict[str, list[str]]
    delta: dict[str, dict[str, Any]]


@dataclass
class MixedResult:
    database: str
    size: int
    connections: int
    routes: list[str]
    seconds: float
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int
    unexpected_statuses: dict[str, int]
    socket_errors: int
    server_cpu_percent: float | None
    rss_start_kb: int
    rss_end_kb: int
    rss_max_kb: int
    rss_samples_kb: list[int]
    memory_flat: bool
    cache_start: dict[str, Any]
    cache_end: dict[str, Any]

    @property
    def cache_growth_bytes(self) -> int:
        """How much the response cache's bodies and compressed copies grew during the run."""
        return cache_bytes(self.cache_end) - cache_bytes(self.cache_start)


@dataclass
class FreshnessResult:
    """After one write, what each worker process answered first: every worker must show the change at once."""

    database: str
    size: int
    workers: int
    workers_seen: int
    stale_answers: int  # answers, on any worker, that did not show the change yet
    first_fresh_ms: list[float]  # per worker: from the write's commit to its first answer showing it

    @property
    def at_once(self) -> bool:
        return self.workers_seen == self.workers and self.stale_answers == 0


@dataclass
class RunInfo:
    started_at: str
    args: dict[str, Any]
    machine: dict[str, Any]
    fills: list[dict[str, Any]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    syncs: list[SyncResult] = field(default_factory=list)
    mixed: list[MixedResult] = field(default_factory=list)
    freshness: list["FreshnessResult"] = field(default_factory=list)
    wall_seconds: float = 0.0


def cache_bytes(stats: dict[str, Any]) -> int:
    return int(stats.get("cache_bytes") or 0)
