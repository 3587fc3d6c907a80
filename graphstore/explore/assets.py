"""Where the explorer's page and its built assets live (in the package, wheel or checkout).

`web/` holds the sources (index.html, explore.js, explore.css); `npm run build:explore`
bundles them with esbuild into `static/` (not in git, shipped in the wheel).
"""

from __future__ import annotations

from pathlib import Path

from graphstore.errors import ConfigurationError

_HERE = Path(__file__).resolve().parent
WEB = _HERE / "web"
STATIC = _HERE / "static"


def page_file() -> Path:
    return WEB / "index.html"


def static_dir() -> Path:
    """The bundled assets; ConfigurationError when they were never built."""
    if not (STATIC / "explore.js").is_file():
        raise ConfigurationError(
            "the explorer's assets are not built: run `make setup` (npm run build:explore)"
        )
    return STATIC
