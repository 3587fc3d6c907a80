"""connect(): the one entry point to a graph, whichever server is behind it.

Resolution order: an explicit URI, then NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), then the local engine, started on demand and left running. What a graph's
schema must be is not this module's business: callers pass a schema guard
(graphstore.migrations.require_current or .apply_pending).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import neo4j
from neo4j import GraphDatabase, RoutingControl

from graphstore import queries
from graphstore.engine import LocalEngine
from graphstore.graph import EngineInfo, Graph, SchemaGuard, translate_driver_errors
from graphstore.settings import DriverSettings, EngineSettings, Neo4jSettings

log = logging.getLogger("graphstore")


Resolver = Callable[[neo4j.Address], list[neo4j.Address]]


def _open_driver(
    uri: str, user: str, password: str, resolver: Resolver | None = None
) -> neo4j.Driver:
    options = DriverSettings().driver_options()
    if resolver is not None:
        options["resolver"] = resolver
    with translate_driver_errors("connect"):
        driver = GraphDatabase.driver(uri, auth=(user, password), **options)
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


def _server_components(driver: neo4j.Driver, database: str) -> tuple[str, str]:
    query = queries.load("health/server_components")
    with translate_driver_errors(query.name):
        records, _, _ = driver.execute_query(
            query.cypher, database_=database, routing_=RoutingControl.READ
        )
    if not records:
        return "unknown", "unknown"
    first = records[0]
    return str(first["name"]), ", ".join(first["versions"])


def _following(engine: LocalEngine) -> Resolver:
    """Resolves the engine's address to wherever it runs now, each time the driver opens a
    connection: a local engine restarted on another port (its old one taken) is found by the
    driver's own retries, within a request, instead of after them."""

    def resolve(address: neo4j.Address) -> list[neo4j.Address]:
        state = engine.paths.read_state()
        if state is None:
            return [address]
        return [neo4j.Address(("127.0.0.1", state.bolt_port))]

    return resolve


def _open_local(engine: LocalEngine, database: str | None) -> tuple[neo4j.Driver, EngineInfo]:
    state = engine.require_running()
    driver = _open_driver(state.uri, engine.user, engine.password(), _following(engine))
    database = database or state.database
    try:
        server, bolt_version = _server_components(driver, database)
    except BaseException:
        driver.close()
        raise
    server = f"ArcadeDB (Bolt: {server} {bolt_version})"
    return driver, EngineInfo("arcadedb", state.version, server, state.uri, database)


def connect(
    uri: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    engine_settings: EngineSettings | None = None,
    schema_guard: SchemaGuard | None = None,
) -> Graph:
    """Connects to the graph: `uri`, else NEO4J_URI, else the local engine (started if needed).

    `schema_guard` runs on the new graph before it is returned (and closes it if it raises):
    graphstore.migrations.require_current refuses a schema behind the code,
    graphstore.migrations.apply_pending migrates it. None checks nothing.
    """
    env = Neo4jSettings()
    if uri is not None or env.uri is not None:
        target = uri if uri is not None else env.uri
        assert target is not None
        user = user if user is not None else env.user
        password = password if password is not None else env.password.get_secret_value()
        database = database or env.database
        driver = _open_driver(target, user, password)
        server, version = _server_components(driver, database)
        info = EngineInfo("neo4j", version, server, target, database)
        # The driver reconnects to a fixed address by itself (and routes, for neo4j://).
        graph = Graph(driver, database, info, home=EngineSettings().resolved_home)
    else:
        engine = LocalEngine(engine_settings)
        engine.start()
        driver, info = _open_local(engine, database)

        def reresolve() -> tuple[neo4j.Driver, EngineInfo] | None:
            if not engine.status().running:
                return None
            return _open_local(engine, database)

        graph = Graph(driver, info.database, info, reresolve=reresolve, home=engine.paths.home)
    log.info(
        "connected to %s %s at %s (database %s)", info.kind, info.version, info.uri, info.database
    )
    try:
        if schema_guard is not None:
            schema_guard(graph)
    except BaseException:
        graph.close()
        raise
    return graph
