"""Runs Neo4j's Cypher linter (tools/cypher-lint.mjs, Node) from Python, where it is installed.

The linter ships with the repository, not the wheel: in an installed package, or without Node,
`lint_files` says so instead of failing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graphstore import queries
from graphstore.resources import resource_dir


@dataclass(frozen=True)
class LintFinding:
    file: str
    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class LintResult:
    findings: list[LintFinding]
    unavailable: str | None = None
    """Why the linter could not run (no Node, no node_modules), or None."""


def _linter() -> tuple[Path, Path] | str:
    repo = resource_dir("cypher").parent
    script = repo / "tools" / "cypher-lint.mjs"
    if not script.is_file():
        return "the Cypher linter ships with the source repository, not this installation"
    if not (repo / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return "the Cypher linter is not installed: run `npm ci`"
    node = shutil.which("node")
    if node is None:
        return "Node.js is not on PATH"
    return Path(node), script


def _run(arguments: list[str]) -> LintResult:
    found = _linter()
    if isinstance(found, str):
        return LintResult([], unavailable=found)
    node, script = found
    result = subprocess.run(
        [str(node), str(script), "--json", *arguments],
        capture_output=True,
        text=True,
        cwd=script.parent.parent,
        timeout=300,
        check=False,
    )
    if result.returncode not in (0, 1):
        return LintResult([], unavailable=f"the linter failed: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    return LintResult([LintFinding(**finding) for finding in report["findings"]])


def lint_files(paths: list[Path]) -> LintResult:
    """Lints .cypher files (or folders of them) as they are on disk: migrations, say."""
    return _run([str(path) for path in paths])


def lint_queries(extra: Sequence[Path] = ()) -> LintResult:
    """Lints every named query as it runs, fragments expanded, plus `extra` files."""
    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "queries.json"
        exported.write_text(json.dumps(queries.export()), encoding="utf-8")
        return _run(["--queries", str(exported), *map(str, extra)])


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m graphstore.lint [PATH...]`: every named query (fragments expanded), the
    migrations, and the .cypher files under PATHs (benchmark queries, say); exit 1 on
    findings."""
    extra = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    result = lint_queries([resource_dir("migrations"), *extra])
    if result.unavailable:
        print(f"cypher-lint: {result.unavailable}", file=sys.stderr)
        return 2
    for finding in result.findings:
        print(finding)
    print(
        f"cypher-lint: {len(queries.available())} named queries and the migrations, "
        f"{len(result.findings)} finding(s)"
    )
    return 1 if result.findings else 0


if __name__ == "__main__":
    sys.exit(main())
