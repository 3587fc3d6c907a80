// An index on Calculation.entity_id (written by `graphstore index create`).
CREATE INDEX `calculation_entity_id` IF NOT EXISTS FOR (n:`Calculation`) ON (n.`entity_id`);
