"""Which Cypher the explorer runs: reads only, decided before the engine sees the text.

The explorer takes raw Cypher from a person, so this is a refusal list, not a parser: after
comments, string literals and backtick-quoted names are blanked out, any word that starts an
updating clause or a command (CREATE, MERGE, SET, DELETE, DETACH, REMOVE, DROP, FOREACH,
LOAD CSV, ALTER, GRANT, ... and IN TRANSACTIONS) refuses the query, in any case. A procedure
call is allowed only for the read-only procedures in READ_PROCEDURES. A backslash outside a
string literal refuses too (a unicode escape could spell a keyword). It errs on the side of
refusal: a property named `set` must be written `n.`+"`set`".

The executor (graphstore.explore.run) is the second wall: the query runs in a read-mode
transaction that is always rolled back, never committed.
"""

from __future__ import annotations

import re

UPDATING_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "FOREACH",
        "LOAD",
        "ALTER",
        "GRANT",
        "DENY",
        "REVOKE",
        "RENAME",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "DEALLOCATE",
        "REALLOCATE",
        "TRANSACTIONS",
        "IMPORT",
        "INSERT",
        "UPDATE",
        "UPSERT",
        "USE",
    }
)
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "dbms.components",
    }
)
# A comment, a string literal or a backtick-quoted name: blanked before words are looked at.
_OPAQUE = re.compile(
    r"//[^\n]*|/\*.*?(\*/|\Z)|'(?:\\.|[^'\\])*'?|\"(?:\\.|[^\"\\])*\"?|`(?:``|[^`])*`?",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_CALL = re.compile(r"\bCALL\b", re.IGNORECASE)
_PROCEDURE = re.compile(r"[A-Za-z_][\w.]*")


def _blanked(query: str) -> str:
    return _OPAQUE.sub(lambda found: " " * len(found.group(0)), query)


def refusal(query: str) -> str | None:
    """Why `query` may not run in the explorer, or None when it only reads."""
    text = _blanked(query)
    if "\\" in text:
        return "a backslash outside a string literal is not accepted"
    for word in _WORD.findall(text):
        if word.upper() in UPDATING_WORDS:
            return (
                f"{word.upper()} is an updating clause or command; the explorer only reads "
                "(write through the API or the library)"
            )
    for call in _CALL.finditer(text):
        after = call.end()
        while after < len(text) and text[after].isspace():
            if query[after] == "`":  # blanked above: a quoted procedure name
                return "a procedure name in backticks is not accepted; write it plainly"
            after += 1
        if text[after : after + 1] in ("{", "("):
            continue  # a subquery: its clauses were checked above
        name = _PROCEDURE.match(text, after)
        procedure = name.group(0) if name else text[after : after + 20].strip()
        if procedure.lower() not in READ_PROCEDURES:
            return (
                f"the procedure {procedure} is not one of the read-only ones the explorer "
                f"allows ({', '.join(sorted(READ_PROCEDURES))})"
            )
    if not text.strip():
        return "the query is empty"
    return None
