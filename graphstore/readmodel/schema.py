"""The read model's tables, in SQLite: a copy of what lists, search and statistics read.

- `units`: each unit's filterable and sortable properties as columns, narrow, so a scan of
  every unit (a count, a statistic) reads a few MB; `unit_properties`: every public property
  as JSON, read for a page's rows only (they come from here, not from the graph);
- `unit_words`: the words of each unit's name (graphstore.readmodel.words), for `q`;
- `loadouts` and `loadout_items`: which unit owns each loadout, whether it is live, and what
  it mounts; `unit_items`: what each unit's live loadouts mount, derived from those two, for
  `has_equipment` (one index range per item);
- `items`: whether each catalog item is soft-deleted (a deleted item matches `has_equipment`
  only with `include_deleted`);
- `verdicts`: each loadout's last validation (graphstore.readmodel.verdicts), until a write
  to what it read marks it stale;
- `state`: which graph this copies (its epoch), at which schema version, and how far into
  the write log it has read; `applied`: the log entries read within the overlap window.

FORMAT is the layout's version: a file of another layout is rebuilt, never read.
"""

from __future__ import annotations

FORMAT = 5

TABLES = """
CREATE TABLE IF NOT EXISTS state (
    name TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS applied (
    id TEXT PRIMARY KEY,
    log_key TEXT NOT NULL,
    label TEXT,
    entity_id TEXT
);
CREATE INDEX IF NOT EXISTS applied_log_key ON applied (log_key);
CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY,
    tenant TEXT,
    deleted INTEGER NOT NULL,
    search_name TEXT,
    tech_base TEXT,
    era TEXT,
    rules_level TEXT,
    unit_type TEXT,
    tonnage REAL,
    battle_value INTEGER,
    year INTEGER
);
CREATE TABLE IF NOT EXISTS unit_properties (
    id TEXT PRIMARY KEY,
    properties TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS units_search_name ON units (search_name IS NULL, search_name, id);
CREATE INDEX IF NOT EXISTS units_tonnage ON units (tonnage IS NULL, tonnage, id);
CREATE INDEX IF NOT EXISTS units_battle_value ON units (battle_value IS NULL, battle_value, id);
CREATE INDEX IF NOT EXISTS units_year ON units (year IS NULL, year, id);
CREATE INDEX IF NOT EXISTS units_era ON units (era IS NULL, era, id);
CREATE INDEX IF NOT EXISTS units_tech_base ON units (tech_base IS NULL, tech_base, id);
CREATE INDEX IF NOT EXISTS units_rules_level ON units (rules_level IS NULL, rules_level, id);
CREATE INDEX IF NOT EXISTS units_unit_type ON units (unit_type IS NULL, unit_type, id);
CREATE INDEX IF NOT EXISTS units_search_name_desc
    ON units (search_name IS NULL DESC, search_name DESC, id);
CREATE INDEX IF NOT EXISTS units_tonnage_desc
    ON units (tonnage IS NULL DESC, tonnage DESC, id);
CREATE INDEX IF NOT EXISTS units_battle_value_desc
    ON units (battle_value IS NULL DESC, battle_value DESC, id);
CREATE INDEX IF NOT EXISTS units_year_desc
    ON units (year IS NULL DESC, year DESC, id);
CREATE INDEX IF NOT EXISTS units_era_desc
    ON units (era IS NULL DESC, era DESC, id);
CREATE INDEX IF NOT EXISTS units_tech_base_desc
    ON units (tech_base IS NULL DESC, tech_base DESC, id);
CREATE INDEX IF NOT EXISTS units_rules_level_desc
    ON units (rules_level IS NULL DESC, rules_level DESC, id);
CREATE INDEX IF NOT EXISTS units_unit_type_desc
    ON units (unit_type IS NULL DESC, unit_type DESC, id);
CREATE INDEX IF NOT EXISTS units_tenant ON units (tenant);
CREATE TABLE IF NOT EXISTS unit_words (
    word TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    PRIMARY KEY (word, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unit_words_unit ON unit_words (unit_id);
CREATE TABLE IF NOT EXISTS loadouts (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    live INTEGER NOT NULL,
    tenant TEXT,
    is_stock INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS loadouts_unit ON loadouts (unit_id);
CREATE TABLE IF NOT EXISTS loadout_items (
    equipment_id TEXT NOT NULL,
    loadout_id TEXT NOT NULL,
    PRIMARY KEY (equipment_id, loadout_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS loadout_items_loadout ON loadout_items (loadout_id);
CREATE TABLE IF NOT EXISTS unit_items (
    equipment_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    PRIMARY KEY (equipment_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unit_items_unit ON unit_items (unit_id);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS verdicts (
    loadout_id TEXT PRIMARY KEY,
    rules TEXT NOT NULL,
    result TEXT NOT NULL,
    tally TEXT NOT NULL
);
"""

DATA_TABLES = (
    "units",
    "unit_properties",
    "unit_words",
    "loadouts",
    "loadout_items",
    "unit_items",
    "items",
    "applied",
    "verdicts",
)
"""What a rebuild empties and fills again (`state` is rewritten, not emptied)."""

FILTER_COLUMNS = (
    "search_name",
    "tech_base",
    "era",
    "rules_level",
    "unit_type",
    "tonnage",
    "battle_value",
    "year",
)
"""The unit properties kept as columns: every filter and every sort reads one of these."""
