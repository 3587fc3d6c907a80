// Splits Cypher into tokens with Neo4j's own lexer (the language support's highlighter),
// for the suite's comparison with graphstore.explore.cypher_lexer.
// Usage: node tools/cypher-tokens.mjs < queries.json   (a JSON array of strings)
// Prints, per query, its tokens as [start offset, length, kind], where kind is one of
// comment, string, name (a `quoted name`) and code.
import { readFileSync } from 'node:fs';
import { highlightSyntax } from '@neo4j-cypher/language-support';

const kind = (token) => {
  if (token.tokenType === 'comment') return 'comment';
  if (token.tokenType === 'stringLiteral') return 'string';
  if (token.token.startsWith('`')) return 'name';
  return 'code';
};

const queries = JSON.parse(readFileSync(0, 'utf8'));
const answer = queries.map((query) =>
  highlightSyntax(query).map((t) => [t.position.startOffset, t.length, kind(t)]),
);
console.log(JSON.stringify(answer));
