"""Settings read from the environment (and nothing else), validated by pydantic."""

from __future__ import annotations

from pathlib import Path

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
