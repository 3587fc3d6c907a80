"""Per-client rate limits on the routes whose answers cost the most (rule evaluation,
counts over the whole graph): a client over its budget gets 429 with Retry-After.

Clients are told apart by their address (behind a proxy, run uvicorn with
`--proxy-headers` so that is the client's, not the proxy's). Counts live in this process.
"""

from __future__ import annotations

import math
import time

from fastapi import HTTPException
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class RateLimiter:
    def __init__(self, rate: str) -> None:
        self.rate: RateLimitItem = parse(rate)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def charge(self, client: str, route: str) -> None:
        """Counts one call of `route` by `client`; HTTPException 429 when over the rate."""
        if self._limiter.hit(self.rate, client, route):
            return
        reset = self._limiter.get_window_stats(self.rate, client, route).reset_time
        retry_after = max(1, math.ceil(reset - time.time()))
        raise HTTPException(
            status_code=429,
            detail=f"at most {self.rate} calls of this route per client; retry later",
            headers={"Retry-After": str(retry_after)},
        )
