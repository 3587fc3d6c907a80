// Lints Cypher with Neo4j's own language support (lintCypherQuery).
// Usage: node tools/cypher-lint.mjs [--json] [--queries EXPORT.json] [FILE_OR_DIR...]
// --queries reads {"name": "expanded text", ...}: graphstore's named queries with their
// `// @include` fragments already expanded (python -m graphstore.lint writes it), so the
// text linted is the text that runs. Exit code 1 when any diagnostic other than an
// undeclared-parameter notice is found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const exportAt = args.indexOf('--queries');
const exported = exportAt >= 0 ? args[exportAt + 1] : null;
const skipped = exportAt >= 0 ? [exportAt, exportAt + 1] : [];
const roots = args.filter((a, i) => a !== '--json' && !skipped.includes(i));
if (roots.length === 0 && exported === null) {
  console.error('usage: cypher-lint.mjs [--json] [--queries EXPORT.json] [FILE_OR_DIR...]');
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

const sources = roots.flatMap(collect).map((file) => [relative(process.cwd(), file), readFileSync(file, 'utf8')]);
if (exported !== null) {
  for (const [name, text] of Object.entries(JSON.parse(readFileSync(exported, 'utf8')))) {
    sources.push([`cypher/${name}.cypher`, text]);
  }
}

const findings = [];
let files = 0;
for (const [file, text] of sources) {
  files += 1;
  const { diagnostics } = lintCypherQuery(text, {});
  for (const d of diagnostics.filter((d) => !isParameterNotice(d))) {
    findings.push({
      file,
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
