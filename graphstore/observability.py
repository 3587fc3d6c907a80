"""Every named query run is timed: a slow-query log and Prometheus metrics.

A run slower than GRAPHSTORE_SLOW_QUERY_MS is logged on the `graphstore.slow_queries`
logger with its name, its duration and the *shape* of its parameters (types and sizes,
never values: they may hold user data). Every run feeds the `graphstore_query_seconds`
histogram, and every failure `graphstore_query_errors_total`, both labelled by query name
(a bounded set: the files in cypher/). The API serves them at /metrics.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from prometheus_client import Counter, Histogram
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

slow_log = logging.getLogger("graphstore.slow_queries")

QUERY_SECONDS = Histogram(
    "graphstore_query_seconds",
    "Time to run a named Cypher query and fetch its rows.",
    ["query"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
CACHE_LOOKUPS = Counter(
    "graphstore_cache_lookups_total",
    "Lookups in graphstore's caches, by cache and result (hit or miss).",
    ["cache", "result"],
)
QUERY_ERRORS = Counter(
    "graphstore_query_errors_total",
    "Named query runs that failed, by query and error class.",
    ["query", "error"],
)


class ObservabilitySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_", extra="ignore")

    slow_query_ms: float = Field(
        default=500.0, ge=0, description="log named queries that run longer than this"
    )


@cache
def settings() -> ObservabilitySettings:
    """Read once per process; `settings.cache_clear()` re-reads the environment."""
    return ObservabilitySettings()


def parameter_shape(parameters: Mapping[str, Any]) -> dict[str, str]:
    """What the parameters look like, without what they hold: `{"ids": "list[250]"}`."""
    return {name: _shape(value) for name, value in sorted(parameters.items())}


def _shape(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (str, bytes, list, tuple, dict)):
        return f"{type(value).__name__}[{len(value)}]"
    return type(value).__name__


@contextmanager
def timed(query: str, parameters: Mapping[str, Any]) -> Iterator[None]:
    """Times the block as one run of `query`; logs it when slow, counts it when it fails."""
    started = time.perf_counter()
    try:
        yield
    except BaseException as error:
        QUERY_ERRORS.labels(query=query, error=type(error).__name__).inc()
        raise
    finally:
        elapsed = time.perf_counter() - started
        QUERY_SECONDS.labels(query=query).observe(elapsed)
        threshold_ms = settings().slow_query_ms
        if elapsed * 1000 > threshold_ms:
            slow_log.warning(
                "slow query %s: %.0f ms (over %.0f ms); parameters %s",
                query,
                elapsed * 1000,
                threshold_ms,
                parameter_shape(parameters),
            )
