// Lints .cypher files with Neo4j's own language support (lintCypherQuery).
// Usage: node tools/cypher-lint.mjs [--json] FILE_OR_DIR...
// Exit code 1 when any diagnostic other than an undeclared-parameter notice is found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const roots = args.filter((a) => a !== '--json');
if (roots.length === 0) {
  console.error('usage: cypher-lint.mjs [--json] FILE_OR_DIR...');
  process.exit(2);
}

function collect(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path).sort().flatMap((entry) => collect(join(path, entry)));
  }
  return path.endsWith('.cypher') ? [path] : [];
}

// Parameters come from the caller at run time; the linter cannot know them.
const isParameterNotice = (d) => /^Parameter \$\S+ is not defined\.?$/.test(d.message);

const findings = [];
let files = 0;
for (const file of roots.flatMap(collect)) {
  files += 1;
  const text = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(text, {});
  for (const d of diagnostics.filter((d) => !isParameterNotice(d))) {
    findings.push({
      file: relative(process.cwd(), file),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: d.severity === 1 ? 'error' : 'warning',
      message: d.message,
    });
  }
}

if (asJson) {
  console.log(JSON.stringify({ files, findings }, null, 2));
} else {
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`);
  console.log(`cypher-lint: ${files} file(s), ${findings.length} finding(s)`);
}
process.exit(findings.length === 0 ? 0 : 1);
