"""The closed vocabularies of docs/model.md, as enums pydantic validates against."""

from __future__ import annotations

from enum import StrEnum


class TechBase(StrEnum):
    INNER_SPHERE = "INNER_SPHERE"
    CLAN = "CLAN"
    MIXED = "MIXED"


class RulesLevel(StrEnum):
    INTRODUCTORY = "INTRODUCTORY"
    STANDARD = "STANDARD"
    ADVANCED = "ADVANCED"
    EXPERIMENTAL = "EXPERIMENTAL"
    UNOFFICIAL = "UNOFFICIAL"


class Era(StrEnum):
    AGE_OF_WAR = "AGE_OF_WAR"
    STAR_LEAGUE = "STAR_LEAGUE"
    SUCCESSION_WARS = "SUCCESSION_WARS"
    CLAN_INVASION = "CLAN_INVASION"
    CIVIL_WAR = "CIVIL_WAR"
    JIHAD = "JIHAD"
    DARK_AGE = "DARK_AGE"
    IL_CLAN = "IL_CLAN"


class LocationCode(StrEnum):
    HEAD = "HEAD"
    CENTER_TORSO = "CENTER_TORSO"
    LEFT_TORSO = "LEFT_TORSO"
    RIGHT_TORSO = "RIGHT_TORSO"
    LEFT_ARM = "LEFT_ARM"
    RIGHT_ARM = "RIGHT_ARM"
    LEFT_LEG = "LEFT_LEG"
    RIGHT_LEG = "RIGHT_LEG"
    FRONT_LEFT_LEG = "FRONT_LEFT_LEG"
    FRONT_RIGHT_LEG = "FRONT_RIGHT_LEG"
    REAR_LEFT_LEG = "REAR_LEFT_LEG"
    REAR_RIGHT_LEG = "REAR_RIGHT_LEG"


# A biped 'Mech's slot capacity per location (docs/model.md).
MECH_LOCATION_SLOTS: dict[LocationCode, int] = {
    LocationCode.HEAD: 6,
    LocationCode.CENTER_TORSO: 12,
    LocationCode.LEFT_TORSO: 12,
    LocationCode.RIGHT_TORSO: 12,
    LocationCode.LEFT_ARM: 12,
    LocationCode.RIGHT_ARM: 12,
    LocationCode.LEFT_LEG: 6,
    LocationCode.RIGHT_LEG: 6,
}


class HeatSinkType(StrEnum):
    SINGLE = "SINGLE"
    COMPACT = "COMPACT"
    DOUBLE = "DOUBLE"
    DOUBLE_CLAN = "DOUBLE_CLAN"
    LASER = "LASER"


# Heat one sink of each type dissipates per turn (TechManual); any other type counts 1.
HEAT_PER_SINK: dict[HeatSinkType, int] = {
    HeatSinkType.SINGLE: 1,
    HeatSinkType.COMPACT: 1,
    HeatSinkType.DOUBLE: 2,
    HeatSinkType.DOUBLE_CLAN: 2,
    HeatSinkType.LASER: 2,
}

# The year each era starts (the Era enum's order); an intro year falls in the last era
# starting at or before it.
ERA_START_YEAR: dict[Era, int] = {
    Era.AGE_OF_WAR: 0,
    Era.STAR_LEAGUE: 2571,
    Era.SUCCESSION_WARS: 2781,
    Era.CLAN_INVASION: 3050,
    Era.CIVIL_WAR: 3062,
    Era.JIHAD: 3068,
    Era.DARK_AGE: 3081,
    Era.IL_CLAN: 3151,
}


def era_of(year: int) -> Era:
    """The era a year falls in."""
    return [era for era, start in ERA_START_YEAR.items() if start <= year][-1]


# The same facts as Cypher parameters (queries never restate them): plain names to numbers.
def level_rank() -> dict[str, int]:
    """Each rules level's rank, 0 for the lowest."""
    return {level.value: rank for rank, level in enumerate(RulesLevel)}


def heat_per_sink() -> dict[str, int]:
    """Heat one sink of each type dissipates, by type name."""
    return {kind.value: per_sink for kind, per_sink in HEAT_PER_SINK.items()}
