"""Settings read from the environment (and nothing else), validated by pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Neo4jSettings(BaseSettings):
    """Where an external Neo4j (or any Bolt server) lives. Unset means: use the local engine."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore")

    uri: str | None = None
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"


class EngineSettings(BaseSettings):
    """How graphstore runs its own local engine."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_", extra="ignore")

    home: Path = Field(default=Path(".graphstore"), description="data, logs and credentials")
    bolt_port: int | None = Field(default=None, ge=1, le=65535, description="None: a free port")
    http_port: int | None = Field(default=None, ge=1, le=65535, description="None: a free port")
    start_timeout_s: float = Field(default=60.0, gt=0)
    heap: str | None = Field(default=None, description="JVM max heap for the engine, e.g. 2g")

    @property
    def resolved_home(self) -> Path:
        return self.home.expanduser().resolve()


class DriverSettings(BaseSettings):
    """How the driver retries and times out, whichever server is behind it.

    A managed transaction that loses a race is retried after a short, growing, jittered
    pause; `retry_time_s` bounds the whole retrying, so an unreachable database is an error
    in seconds rather than the driver's default 30 s.
    """

    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_DB_", extra="ignore")

    retry_time_s: float = Field(default=5.0, gt=0, le=600, description="give up retrying after")
    first_retry_delay_s: float = Field(default=0.02, gt=0, le=10, description="first pause")
    connect_timeout_s: float = Field(default=5.0, gt=0, le=600, description="TCP connect timeout")
    # Enforced by Neo4j (the transaction is stopped, QueryTimeoutError); the local engine
    # ignores a Bolt transaction timeout (graphstore.quirks), where the caps on input bound
    # the cost of a read instead.
    read_timeout_s: float = Field(
        default=15.0, gt=0, le=3600, description="longest a read transaction may run"
    )

    def driver_options(self) -> dict[str, Any]:
        return {
            "max_transaction_retry_time": self.retry_time_s,
            "initial_retry_delay": self.first_retry_delay_s,
            "retry_delay_multiplier": 2.0,
            "retry_delay_jitter_factor": 0.5,
            "connection_timeout": self.connect_timeout_s,
            "connection_acquisition_timeout": self.retry_time_s + self.connect_timeout_s,
        }


class StoreLimits(BaseSettings):
    """Bounds on what one request may ask of the store, so a cheap call cannot buy an
    expensive answer (docs/api.md, "Limits")."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_", extra="ignore")

    # A BattleMech has 78 critical slots and every real 'Mech in the corpus has at most 19
    # mounts; 200 leaves room for zero-slot items and larger unit types.
    max_mounts_per_loadout: int = Field(default=200, ge=1, le=100_000)


class CursorSettings(BaseSettings):
    """How list cursors are signed (graphstore.store.listing): a client can carry one, but
    not change what it says (its total, its place, its filters)."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_", extra="ignore")

    cursor_key: SecretStr | None = Field(
        default=None,
        description="the key that signs list cursors: set the same one in every process that "
        "serves one API; unset, each process makes its own, and its cursors end with it",
    )


class ReadModelSettings(BaseSettings):
    """Where the read model lives, and how it follows the write log (graphstore.readmodel)."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_READ_MODEL_", extra="ignore")

    dir: Path | None = Field(
        default=None,
        description="the folder of the read model files (default: GRAPHSTORE_HOME/read-model, "
        "the local engine's home for the local engine)",
    )
    overlap_s: float = Field(
        default=10.0,
        gt=0,
        le=3600,
        description="how far back in the write log each catch-up reads again: longer than any "
        "write takes from recording its changes to committing",
    )
    cache_mb: int = Field(
        default=256,
        ge=2,
        le=65536,
        description="memory each process's read model connection keeps pages in (SQLite's "
        "cache and memory map)",
    )
    lock_timeout_s: float = Field(
        default=300.0,
        gt=0,
        description="longest a process waits for another to finish updating the read model "
        "(a rebuild of 100,000 units takes tens of seconds)",
    )
