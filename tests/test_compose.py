"""docker-compose.yml states the production facts (no Docker engine here can run it)."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import REPO_ROOT


def _compose() -> dict[str, Any]:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def test_neo4j_service_is_neo4j_5_community_with_browser_bolt_auth_health_and_volume() -> None:
    compose = _compose()
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "enterprise" not in neo4j["image"]
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"], "data must live in a named volume"


def test_api_service_builds_graphstore_and_waits_for_a_healthy_neo4j() -> None:
    api = _compose()["services"]["api"]
    assert (REPO_ROOT / api["build"]["dockerfile"]).is_file()
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "/health/ready" in " ".join(api["healthcheck"]["test"])


def test_the_image_ships_the_cypher_and_migrations_it_needs() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    for folder in ("graphstore", "api", "cypher", "migrations"):
        assert f"COPY {folder} ./{folder}" in dockerfile


def test_neo4j_browser_plays_the_guide_from_the_api_and_the_image_ships_the_explorer() -> None:
    compose = _compose()
    environment = compose["services"]["neo4j"]["environment"]
    assert environment["NEO4J_browser_post__connect__cmd"] == "play http://localhost:8000/guide"
    assert environment["NEO4J_browser_remote__content__hostname__allowlist"] == "localhost"
    assert "8000:8000" in compose["services"]["api"]["ports"]
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert "npm run build:explore" in dockerfile
    assert "COPY --from=explorer /build/graphstore/explore/static" in dockerfile
