"""A loadout as a picture: an SVG of the unit's locations, their slot use and what they
mount, in the colours of the loadout's validation.

Drawn on the server from one named query (explore/loadout_picture) and the rules engine's
result, so the API, README and the explorer show the same picture. Every mounted item is a
<text> with class `mount`; an item an open error names is also `error` (and `rule-<id>` per
rule, `conflict` for a conflict), a warning `warning`; a location over its slots has class
`over`. Built with ElementTree, so names are escaped by the XML writer, never by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from graphstore.errors import NotFoundError
from graphstore.graph import Graph
from graphstore.queries import load
from graphstore.rules.engine import RulesEngine
from graphstore.rules.models import LoadoutValidation

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#ef8f00"
OK_COLOUR = "#2e7d32"
BOX_W = 190
LINE_H = 15
GAP = 12
# Where each location's box goes: (column, row) on a 5-column grid, as a record sheet has it.
_BIPED = {
    "HEAD": (2, 0),
    "RIGHT_ARM": (0, 1),
    "RIGHT_TORSO": (1, 1),
    "CENTER_TORSO": (2, 1),
    "LEFT_TORSO": (3, 1),
    "LEFT_ARM": (4, 1),
    "RIGHT_LEG": (1, 2),
    "LEFT_LEG": (3, 2),
}
_QUAD = {
    "HEAD": (2, 0),
    "RIGHT_TORSO": (1, 1),
    "CENTER_TORSO": (2, 1),
    "LEFT_TORSO": (3, 1),
    "FRONT_RIGHT_LEG": (0, 2),
    "REAR_RIGHT_LEG": (1, 2),
    "REAR_LEFT_LEG": (3, 2),
    "FRONT_LEFT_LEG": (4, 2),
}


def _label(code: str) -> str:
    return code.replace("_", " ").title()


def _marks(validation: LoadoutValidation) -> tuple[dict[tuple[str, str], set[str]], set[str]]:
    """(equipment id, location) -> css classes, and the locations over their slots."""
    marks: dict[tuple[str, str], set[str]] = defaultdict(set)
    over: set[str] = set()
    for violation in validation.violations:
        if violation.status != "open":
            continue
        level = "error" if violation.severity == "error" else "warning"
        if violation.rule == "slot_budget" and violation.location:
            over.add(violation.location)
        if violation.equipment_id is None:
            continue
        key = (violation.equipment_id, violation.location or "*")
        marks[key] |= {level, f"rule-{violation.rule}"}
        if violation.rule == "conflict":
            marks[key].add("conflict")
    return marks, over


def _classes(marks: dict[tuple[str, str], set[str]], item: str, location: str) -> list[str]:
    found = marks.get((item, location), set()) | marks.get((item, "*"), set())
    if "error" in found:
        found.discard("warning")
    return sorted(found)


def loadout_svg(graph: Graph, loadout_id: str) -> str:
    """The loadout's picture as an SVG document; NotFoundError for an unknown loadout."""
    rows = graph.read(load("explore/loadout_picture"), loadout_id=loadout_id)
    if not rows:
        raise NotFoundError("Loadout", loadout_id)
    row = rows[0]
    validation = RulesEngine(graph).validate(loadout_id)
    return render(row, validation)


def render(row: dict[str, Any], validation: LoadoutValidation) -> str:
    unit = row["unit"]
    places = {p["code"]: p for p in row["locations"]}
    grid = _QUAD if (unit.get("configuration") or "").lower() == "quad" else _BIPED
    marks, over = _marks(validation)
    by_location: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mount in sorted(row["mounts"], key=lambda m: (m["location"], m["name"])):
        by_location[mount["location"]].append(mount)

    heights = {code: 2 + max(1, len(by_location.get(code, []))) for code in grid}
    row_height = [
        max((heights[c] for c, (_, r) in grid.items() if r == index), default=3) * LINE_H + 20
        for index in range(3)
    ]
    top = 70
    width = 5 * BOX_W + 6 * GAP
    height = top + sum(row_height) + 4 * GAP + 40
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "font-family": "DejaVu Sans, Arial, sans-serif",
            "font-size": "12",
            "class": "loadout-picture",
        },
    )
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    errors = [v for v in validation.violations if v.is_blocking]
    status, colour = (
        (f"{len(errors)} open error(s)", ERROR_COLOUR) if errors else ("valid", OK_COLOUR)
    )
    title = ET.SubElement(svg, "text", {"x": str(GAP), "y": "24", "font-size": "17"})
    title.text = f"{unit.get('name') or unit['id']} · {row['loadout_name'] or row['loadout_id']}"
    used = sum(m.get("tonnage") or 0 for m in row["mounts"])
    free = unit.get("free_tonnage")
    budget = f"{used:g} of {free:g} t free" if free is not None else f"{used:g} t mounted"
    summary = ET.SubElement(svg, "text", {"x": str(GAP), "y": "46", "class": "status"})
    summary.text = f"{unit.get('tonnage') or '?'} t {unit.get('tech_base') or ''} · {budget} · "
    verdict = ET.SubElement(summary, "tspan", {"fill": colour, "font-weight": "bold"})
    verdict.text = status

    for code, (column, row_index) in grid.items():
        place = places.get(code)
        if place is None:
            continue
        x = GAP + column * (BOX_W + GAP)
        y = top + sum(row_height[:row_index]) + row_index * GAP
        here = by_location.get(code, [])
        mounted = sum(m.get("crit_slots") or 0 for m in here)
        capacity = place.get("crit_slots")
        slots = mounted + (place.get("fixed_slots") or 0)
        box = ET.SubElement(
            svg, "g", {"class": "location over" if code in over else "location", "id": code}
        )
        ET.SubElement(
            box,
            "rect",
            {
                "x": str(x),
                "y": str(y),
                "width": str(BOX_W),
                "height": str(row_height[row_index]),
                "rx": "6",
                "fill": "#f6f7f9",
                "stroke": ERROR_COLOUR if code in over else "#9aa3ad",
                "stroke-width": "2.5" if code in over else "1",
            },
        )
        heading = ET.SubElement(
            box, "text", {"x": str(x + 8), "y": str(y + 17), "font-weight": "bold"}
        )
        heading.text = _label(code)
        use = ET.SubElement(
            box,
            "text",
            {
                "x": str(x + BOX_W - 8),
                "y": str(y + 17),
                "text-anchor": "end",
                "fill": ERROR_COLOUR if code in over else "#555555",
                "class": "slots",
            },
        )
        use.text = f"{slots}/{capacity if capacity is not None else '?'} slots"
        for index, mount in enumerate(here):
            classes = _classes(marks, mount["equipment_id"], code)
            fill = (
                ERROR_COLOUR
                if "error" in classes
                else WARNING_COLOUR
                if "warning" in classes
                else "#1f2933"
            )
            item = ET.SubElement(
                box,
                "text",
                {
                    "x": str(x + 10),
                    "y": str(y + 36 + index * LINE_H),
                    "fill": fill,
                    "class": " ".join(["mount", *classes]),
                    "data-equipment-id": mount["equipment_id"],
                },
            )
            suffix = " (R)" if mount.get("rear") else ""
            item.text = f"{mount['name']}{suffix}"
    legend_y = height - 16
    for offset, (text, colour) in enumerate(
        (("error", ERROR_COLOUR), ("warning", WARNING_COLOUR), ("ok", "#1f2933"))
    ):
        mark = ET.SubElement(
            svg,
            "text",
            {"x": str(GAP + offset * 90), "y": str(legend_y), "fill": colour, "class": "legend"},
        )
        mark.text = f"■ {text}"
    return ET.tostring(svg, encoding="unicode")
