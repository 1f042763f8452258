// Writes schemas/kubernetes-docs.json: the field descriptions of the vendored Kubernetes schemas in a
// compact form for hover and completion (the validator's bundle has them stripped, see build.mjs).
// Each description is cut to its first paragraph and about 400 characters, at a sentence end when
// there is one; repeated texts are stored once. `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const SOURCE = 'schemas/kubernetes-v1.32.2-standalone-strict-definitions.json';
const OUT = 'schemas/kubernetes-docs.json';
const MAX = 400;

export function shorten(text) {
  const para = text
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
    .trim();
  if (para.length <= MAX) return para;
  const cut = para.slice(0, MAX);
  const end = cut.lastIndexOf('. ');
  return end > 80 ? cut.slice(0, end + 1) : `${cut.slice(0, MAX - 1).trimEnd()}…`;
}

const schema = JSON.parse(readFileSync(SOURCE, 'utf8'));
const texts = [];
const index = new Map();
const id = (t) => {
  let i = index.get(t);
  if (i === undefined) {
    i = texts.length;
    texts.push(t);
    index.set(t, i);
  }
  return i;
};
const definitions = {};
for (const [name, def] of Object.entries(schema.definitions).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const entry = {};
  if (def.description) entry[''] = id(shorten(def.description));
  for (const [prop, p] of Object.entries(def.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (p.description) entry[prop] = id(shorten(p.description));
  if (Object.keys(entry).length > 0) definitions[name] = entry;
}
const out = `${JSON.stringify({ source: SOURCE, texts, definitions })}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== out) {
    console.error(`${OUT} is stale: run node scripts/gen-schema-docs.mjs`);
    process.exit(1);
  }
} else writeFileSync(OUT, out);
