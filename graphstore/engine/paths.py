"""The files a local engine keeps under GRAPHSTORE_HOME, shared by the manager and the server.

GRAPHSTORE_HOME holds the engine's password and data: this user's alone (private_files)."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from graphstore.errors import ConfigurationError
from graphstore.private_files import PRIVATE_DIR, write_private

DATABASE_NAME = "graphstore"
ENGINE_USER = "root"


@dataclass(frozen=True)
class EngineState:
    """What a running server publishes about itself once it accepts connections."""

    pid: int
    bolt_port: int
    http_port: int
    database: str
    version: str
    started_at: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


@dataclass(frozen=True)
class EnginePaths:
    home: Path

    @property
    def server_root(self) -> Path:
        return self.home / "server"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "engine.log"

    @property
    def state_file(self) -> Path:
        return self.home / "engine.json"

    @property
    def server_lock(self) -> Path:
        """Held by the server process for its whole life; the OS frees it even after kill -9."""
        return self.home / "engine.lock"

    @property
    def start_lock(self) -> Path:
        """Held by whoever is starting or stopping a server, so two starters never race."""
        return self.home / "start.lock"

    @property
    def ports_file(self) -> Path:
        """The ports the last server used; the next one prefers them, so clients find it again."""
        return self.home / "ports.json"

    @property
    def credentials_file(self) -> Path:
        return self.home / "credentials.json"

    def ensure(self) -> None:
        for directory in (self.home, self.server_root, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
            directory.chmod(PRIVATE_DIR)  # also one an older version made 0755

    def read_state(self) -> EngineState | None:
        try:
            return EngineState(**json.loads(self.state_file.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError, TypeError):
            return None

    def write_state(self, state: EngineState) -> None:
        temporary = self.state_file.with_suffix(".tmp")
        write_private(temporary, json.dumps(asdict(state), indent=2))
        temporary.replace(self.state_file)

    def read_ports(self) -> dict[str, int]:
        try:
            found = json.loads(self.ports_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(v, int) and 0 < v < 65536}

    def write_ports(self, **ports: int) -> None:
        temporary = self.ports_file.with_suffix(".tmp")
        write_private(temporary, json.dumps(ports))
        temporary.replace(self.ports_file)

    def clear_state(self) -> None:
        self.state_file.unlink(missing_ok=True)

    def password(self) -> str:
        """The engine's root password, made on first use and readable by this user only.

        It is written to a private temporary file and linked into place, so a reader never
        sees a half-written file and two first starts agree on one password."""
        try:
            text = self.credentials_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self._new_password()
        try:
            return str(json.loads(text)["password"])
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigurationError(
                f"{self.credentials_file} is damaged ({error}); delete it and restart the "
                "engine (a new password is made)"
            ) from error

    def _new_password(self) -> str:
        self.ensure()
        password = secrets.token_urlsafe(24)
        draft = self.credentials_file.with_name(f".credentials.{os.getpid()}.tmp")
        write_private(draft, json.dumps({"user": ENGINE_USER, "password": password}))
        try:
            os.link(draft, self.credentials_file)
        except FileExistsError:  # another process made it first: use theirs
            return self.password()
        finally:
            draft.unlink(missing_ok=True)
        return password

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log written)"
        return "\n".join(text.splitlines()[-lines:])
