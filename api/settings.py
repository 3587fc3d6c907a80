"""API settings from the environment."""

from __future__ import annotations

import logging

from limits import parse
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("graphstore.api")


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSTORE_", extra="ignore")

    api_key: SecretStr | None = Field(
        default=None,
        description="the platform admin's key: when set, every write needs a key "
        "(`Authorization: Bearer <key>`: this one, or a tenant's)",
    )
    anonymous_reads: bool = Field(
        default=True,
        description="with a platform key set, whether requests without a key may read the "
        "default tenant (false: every /v1 request needs a key)",
    )
    cors_origins: str = Field(default="", description="comma-separated allowed origins; * = any")
    max_body_bytes: int = Field(default=1_048_576, gt=0, description="largest request body")
    actor: str = Field(default="api", description="who the audit trail records for API writes")
    header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description="longest a client may take to send a request's headers (then 408 and the "
        "connection closes)",
    )
    body_timeout_s: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="longest a client may take to send a request's body (then 408)",
    )
    # Sized from what a person does: an editor that validates on every change makes at most
    # a few calls a second while typing, so 600 a minute (10 a second) per key is never met
    # by one person; 50 people behind one address without keys, each at 2 a second, make
    # 6,000 a minute. A client that exceeds these is a script, and gets 429.
    expensive_rate_limit: str = Field(
        default="600/minute",
        description="budget of each key for the expensive routes (rule checks, whole-graph "
        "counts), in the `limits` notation: 600/minute, 10/second",
    )
    anonymous_rate_limit: str = Field(
        default="6000/minute",
        description="budget of each client address, shared by every request without a key, "
        "for the same routes",
    )

    @field_validator("api_key", mode="before")
    @classmethod
    def _usable_key(cls, value: object) -> object:
        """Surrounding whitespace is dropped (a header could never carry it). An empty key,
        as an unset variable expands in a compose file, means no key: said in the log, since
        it leaves writes open."""
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, str):
            value = value.strip()
            if not value:
                log.warning("GRAPHSTORE_API_KEY is empty: the API runs without a key")
                return None
        return value

    @field_validator("expensive_rate_limit", "anonymous_rate_limit")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as error:
            raise ValueError(f"not a rate such as 120/minute: {value!r}") from error
        return value

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]
