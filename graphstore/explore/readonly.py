"""Which Cypher the explorer runs: reads only, decided before the engine sees the text.

The explorer takes raw Cypher from a person. graphstore.explore.cypher_lexer splits it into
tokens as Neo4j's lexer does (comments, string literals and `escaped names` are not code)
and refuses what it cannot read the one way every engine reads. Then any code word that
starts an updating clause or a command (CREATE, MERGE, SET, DELETE, DETACH, REMOVE, DROP,
FOREACH, LOAD CSV, ALTER, GRANT, ... and IN TRANSACTIONS) refuses the query, in any case,
EXPLAIN and PROFILE included. A procedure call is allowed only for the read-only procedures
in READ_PROCEDURES. It errs on the side of refusal: a property named `set` must be written
n.`set`.

The executor (graphstore.explore.run) is the second wall: the query runs in a read-mode
transaction that is always rolled back, never committed. On the local engine that wall does
not hold for schema commands (an index made inside a rolled-back transaction stays), so this
one must.
"""

from __future__ import annotations

from graphstore.explore.cypher_lexer import LexError, Token, TokenKind, code, words

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


def refusal(query: str) -> str | None:
    """Why `query` may not run in the explorer, or None when it only reads."""
    try:
        found = code(query)
    except LexError as unreadable:
        return str(unreadable)
    if not found:
        return "the query is empty"
    for token in found:
        if token.kind is not TokenKind.WORD:
            continue
        for word in words(token):
            if word.upper() in UPDATING_WORDS:
                return (
                    f"{word.upper()} is an updating clause or command; the explorer only "
                    "reads (write through the API or the library)"
                )
    for index, token in enumerate(found):
        if token.kind is TokenKind.WORD and token.text.upper() == "CALL":
            reason = _call_refusal(found[index + 1 :])
            if reason:
                return reason
    return None


def _call_refusal(after: list[Token]) -> str | None:
    """Why what follows a CALL may not run: a procedure that is not a read-only one."""
    if not after or (after[0].kind is TokenKind.SYMBOL and after[0].text in "({"):
        return None  # a subquery: its clauses were checked as code; or nothing at all
    parts: list[str] = []
    for token in after:
        if token.kind is TokenKind.ESCAPED_NAME:
            return "a procedure name in backticks is not accepted; write it plainly"
        expected = TokenKind.WORD if len(parts) % 2 == 0 else TokenKind.SYMBOL
        if token.kind is not expected or (expected is TokenKind.SYMBOL and token.text != "."):
            break
        parts.append(token.text)
    procedure = "".join(parts).rstrip(".")
    if procedure.lower() not in READ_PROCEDURES:
        return (
            f"the procedure {procedure or after[0].text} is not one of the read-only ones the "
            f"explorer allows ({', '.join(sorted(READ_PROCEDURES))})"
        )
    return None
