"""The RateLimit and RateLimit-Policy response fields (IETF httpapi draft "RateLimit header fields for HTTP"):
each limit a request counted against, by name, with its quota (q) per window (w, seconds), what is left of it (r)
and the seconds until its window ends (t), so that a client slows down before it is refused."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

RATE_LIMIT_DESCRIPTION = (
    'What is left of each limit this request counted against (IETF draft): `"name";r=<left>;t=<seconds to reset>`.'
)
RATE_LIMIT_POLICY_DESCRIPTION = 'The limits themselves: `"name";q=<quota>;w=<window in seconds>`.'


@dataclass(frozen=True)
class Quota:
    policy: str
    limit: int
    window: int
    remaining: int
    reset: int

    def given_back(self, *, all_of_it: bool) -> "Quota":
        """After an attempt is taken back: by one, or the whole quota when the counter starts again."""
        return replace(self, remaining=self.limit if all_of_it else min(self.remaining + 1, self.limit))


def rate_limit_headers(quotas: Sequence[Quota]) -> dict[str, str]:
    if not quotas:
        return {}
    return {
        "RateLimit-Policy": ", ".join(f'"{q.policy}";q={q.limit};w={q.window}' for q in quotas),
        "RateLimit": ", ".join(f'"{q.policy}";r={q.remaining};t={q.reset}' for q in quotas),
    }
