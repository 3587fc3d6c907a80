"""A Neo4j Browser guide (`:play http://<api>/guide`): HTML slides about the model, the rules
and the guided queries, each with runnable blocks (`:param` first, then the query).

Browser renders a guide's <slide> elements as a carousel and runs a <pre class="runnable">
block on click. Every text here is escaped with html.escape.
"""

from __future__ import annotations

import json
from html import escape

from graphstore.explore.saved import saved_queries
from graphstore.rules.registry import rules

_MODEL = [
    ("Unit", "a 'Mech design: tonnage, tech base, year, rules level, free tonnage"),
    ("Location", "one of a unit's body locations with its critical slots (HAS_LOCATION)"),
    ("Loadout", "one configuration of a unit (HAS_LOADOUT); the stock one is <id>.stock"),
    ("Equipment", "a catalog item: tonnage, slots, heat, tech base, intro year, level"),
    ("Category", "where an item belongs (IN_CATEGORY), in a tree (SUBCATEGORY_OF)"),
]


def _slide(title: str, body: str) -> str:
    return (
        '<slide class="row-fluid"><div class="col-sm-12">'
        f"<h3>{escape(title)}</h3>{body}</div></slide>"
    )


def _runnable(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{escape(text.strip())}</pre>'


def guide_html() -> str:
    slides = [
        _slide(
            "graphstore: BattleTech units as a graph",
            "<p>Units, their locations and loadouts, and the equipment a loadout MOUNTS "
            "(each MOUNTS carries its location and quantity).</p><ul>"
            + "".join(f"<li><b>:{escape(label)}</b> {escape(text)}</li>" for label, text in _MODEL)
            + "</ul><p>Neo4j draws the schema with <code>:schema</code>.</p>",
        ),
        _slide(
            "The rules",
            "<p>Each rule is one Cypher file under <code>cypher/rules/</code>; the API's "
            "<code>/v1/loadouts/{id}/validation</code> runs them all.</p><ul>"
            + "".join(
                f"<li><b>{escape(rule.id)}</b> ({escape(rule.severity)}): "
                f"{escape(rule.description)}</li>"
                for rule in rules()
            )
            + "</ul>",
        ),
    ]
    for query in saved_queries():
        if not query.guided:
            continue
        params = "".join(
            _runnable(f":param {name} => {json.dumps(value)}")
            for name, value in query.example.items()
        )
        slides.append(
            _slide(
                query.name,
                f"<p>{escape(query.description)}</p>"
                + (f"<p>First set the parameters:</p>{params}" if params else "")
                + "<p>Then run:</p>"
                + _runnable(query.text),
            )
        )
    return (
        '<article class="guide"><carousel class="deck container-fluid">'
        + "".join(slides)
        + "</carousel></article>"
    )
