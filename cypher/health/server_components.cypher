// The Bolt server's own name, versions and edition. ArcadeDB answers as a Neo4j kernel,
// so callers decide the engine kind from how they connected, not from this.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
