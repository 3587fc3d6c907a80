"""Rate limits on the routes whose answers cost the most (rule evaluation, counts over the
whole graph): a client over its budget gets 429 with Retry-After.

A request with a key is counted against its key, whatever address it comes from; one
without is counted against its address (behind a proxy, run uvicorn with `--proxy-headers`
so that is the client's, not the proxy's), which every keyless client there shares. The
budgets are ApiSettings' `expensive_rate_limit` (per key) and `anonymous_rate_limit` (per
address); counts live in this process.
"""

from __future__ import annotations

import math
import time

from fastapi import HTTPException
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class RateLimiter:
    def __init__(self, per_key: str, per_address: str) -> None:
        self.per_key: RateLimitItem = parse(per_key)
        self.per_address: RateLimitItem = parse(per_address)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def charge(self, route: str, *, key: str | None, address: str) -> None:
        """Counts one call of `route` by a key (or, without one, an address); HTTPException
        429 when that is over its rate."""
        rate, who = (self.per_key, f"key:{key}") if key else (self.per_address, f"at:{address}")
        if self._limiter.hit(rate, who, route):
            return
        reset = self._limiter.get_window_stats(rate, who, route).reset_time
        retry_after = max(1, math.ceil(reset - time.time()))
        whose = "key" if key else "client address (send a key for a budget of your own)"
        raise HTTPException(
            status_code=429,
            detail=f"at most {rate} calls of this route per {whose}; retry later",
            headers={"Retry-After": str(retry_after)},
        )
