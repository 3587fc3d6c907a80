"""Support shared by the tests and the benchmarks: never shipped, never imported by the
package. `graph_spec` describes small graphs and writes them raw; `rules_reference` states
every rule in plain Python (the oracle the Cypher rules are checked against); `wipe` empties
a graph between tests; `served_api` serves the API over real HTTP."""
