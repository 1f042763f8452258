import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export type Kind = 'dockerfile' | 'compose' | 'kubernetes';
export const KINDS: readonly Kind[] = ['dockerfile', 'compose', 'kubernetes'];

export interface Sample {
  kind: Kind;
  /** Path relative to the repository root. */
  path: string;
  /** The name the engine sees; it decides the file kind. */
  name: string;
  text: string;
}

const NAMES: Record<Kind, string> = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  kubernetes: 'manifests.yaml',
};

export function fileName(kind: Kind): string {
  return NAMES[kind];
}

function kindOf(path: string): Kind | null {
  const name = basename(path);
  if (name === 'Dockerfile' || name.endsWith('.Dockerfile')) return 'dockerfile';
  if (/^(?:docker-)?compose\.ya?ml$/.test(name)) return 'compose';
  if (/\.ya?ml$/.test(name)) return 'kubernetes';
  return null;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** The golden inputs and the examples, grouped by kind (the starting points for mutation). */
export function loadSamples(root: string): Record<Kind, Sample[]> {
  const out: Record<Kind, Sample[]> = { dockerfile: [], compose: [], kubernetes: [] };
  const files: string[] = [];
  walk(join(root, 'test/golden'), files);
  walk(join(root, 'examples'), files);
  for (const file of files) {
    if (file.endsWith('.fixed') || file.endsWith('findings.txt')) continue;
    const kind = kindOf(file);
    if (!kind) continue;
    const text = readFileSync(file, 'utf8');
    // A Dockerfile beside a compose.yaml is still a Dockerfile sample; YAML without apiVersion is skipped.
    if (kind === 'kubernetes' && !/^apiVersion:/m.test(text)) continue;
    out[kind].push({ kind, path: relative(root, file), name: NAMES[kind], text });
  }
  return out;
}
