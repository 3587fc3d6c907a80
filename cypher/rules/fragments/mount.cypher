// One mount as every rule sees it, from the Equipment `e` at `location`: the item, where it
// sits, whether it is the check's hypothetical mount, and the rule edges it carries (items
// it conflicts with, either way; categories it conflicts with; what it requires), read once,
// and whether it came from a unit file (`from_source`).
{
  equipment: e, location: location, hypothetical: hypothetical, from_source: from_source,
  conflicts: [(e)-[:CONFLICTS_WITH]-(other:Equipment) | other.id],
  conflict_categories: [(e)-[:CONFLICTS_WITH]->(category:Category) | category],
  requires: [(e)-[:REQUIRES]->(required) | required]
}
