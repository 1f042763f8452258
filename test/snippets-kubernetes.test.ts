/**
 * Every snippet in snippets/kubernetes.json, expanded with its placeholder defaults, must draw no finding
 * at all (of any severity, hints included) from the engine with every rule on: each one on its own (as a
 * file `manifest.yaml`), and all of them together in one multi-document file, where the cross-document
 * rules (the Service selects the Deployment, the HPA scales it, the Ingress routes to the Service) apply.
 * The snippets are registered for the `yaml` language in package.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { Engine, noFiles } from '../server/src/engine';
import { parseKubernetes } from '../server/src/languages/kubernetes';
import { snippetItems } from '../server/src/lsp/snippets';

const ROOT = join(import.meta.dirname, '..');

interface Snippet {
  name: string;
  prefixes: string[];
  description: string;
  body: string;
}

function load(): Snippet[] {
  const raw = JSON.parse(readFileSync(join(ROOT, 'snippets', 'kubernetes.json'), 'utf8')) as Record<
    string,
    { prefix: string | string[]; body: string | string[]; description: string }
  >;
  return Object.entries(raw).map(([name, s]) => ({
    name,
    prefixes: typeof s.prefix === 'string' ? [s.prefix] : s.prefix,
    description: s.description,
    body: typeof s.body === 'string' ? s.body : s.body.join('\n'),
  }));
}

/**
 * The text VS Code inserts when every placeholder keeps its default: `${1:x}` gives x (defaults may nest
 * and mirror other tabstops), `${1|a,b|}` gives a, `$1` mirrors tabstop 1's value, `$0` is empty; `\$`,
 * `\}` and `\\` are literal.
 */
export function expand(body: string): string {
  const defaults = new Map<number, string>();
  // First pass: find each tabstop's default (the first placeholder or choice of that index).
  const scan = (s: string): void => {
    const re = /\$\{(\d+)(?::|\|)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const index = Number(m[1]);
      const open = m.index;
      const end = closing(s, open + 2);
      const inner = s.slice(re.lastIndex, end);
      const value = m[0].endsWith('|') ? (inner.replace(/\|$/, '').split(',')[0] ?? '') : inner;
      if (!defaults.has(index)) defaults.set(index, value);
    }
  };
  scan(body);
  const render = (s: string, depth = 0): string => {
    if (depth > 10) throw new Error('snippet placeholders nest too deep');
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string;
      if (c === '\\' && /[$}\\]/.test(s[i + 1] ?? '')) {
        out += s[++i];
        continue;
      }
      if (c !== '$') {
        out += c;
        continue;
      }
      let m = /^\$(\d+)/.exec(s.slice(i));
      if (m) {
        out += Number(m[1]) === 0 ? '' : render(defaults.get(Number(m[1])) ?? '', depth + 1);
        i += m[0].length - 1;
        continue;
      }
      m = /^\$\{(\d+)(:|\||\})/.exec(s.slice(i));
      if (m) {
        const end = m[2] === '}' ? i + m[0].length - 1 : closing(s, i + 2);
        out += Number(m[1]) === 0 ? '' : render(defaults.get(Number(m[1])) ?? '', depth + 1);
        i = end;
        continue;
      }
      out += c;
    }
    return out;
  };
  return render(body);
}

/** The index of the `}` that closes the placeholder whose body starts at `from`. */
function closing(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed placeholder in ${JSON.stringify(s)}`);
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)} | ${l}`)
    .join('\n');
}

/**
 * Every rule on, except the opt-in ones that ask for choices only a cluster can make (a PriorityClass, a
 * ServiceAccount of its own, a pull policy): a snippet that named a PriorityClass or ServiceAccount the
 * cluster lacks would not start.
 */
function config(): ReturnType<typeof defaultConfig> {
  const c = defaultConfig();
  for (const id of [
    'kubernetes/priority-class',
    'kubernetes/default-service-account',
    'kubernetes/image-pull-policy',
  ])
    c.rules[id] = 'off';
  return c;
}

function problems(text: string): string[] {
  const result = new Engine().analyze({ name: 'manifest.yaml', languageId: 'yaml', text }, config(), noFiles);
  assert.ok(result, 'the engine recognises the text as Kubernetes manifests');
  assert.equal(result.language, 'kubernetes');
  assert.deepEqual(result.internalErrors, []);
  return result.findings.map(
    (f) =>
      `${f.severity} ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`,
  );
}

describe('expand (snippet defaults)', () => {
  it('inserts defaults, nested mirrors, first choices and nothing for $0', () => {
    assert.equal(
      expand('name: ${1:api}\nkey: ${2:$1-secrets}\nref: $1$0'),
      'name: api\nkey: api-secrets\nref: api',
    );
    assert.equal(expand('mode: ${1|ReadWriteOnce,ReadWriteMany|}'), 'mode: ReadWriteOnce');
    assert.equal(expand('cost: \\$5 ${1:a\\}b}'), 'cost: $5 a}b');
  });
});

describe('snippets/kubernetes.json', () => {
  const snippets = load();

  it('has the snippets the issue asks for, with unique ss-k8s- prefixes and descriptions', () => {
    const seen = new Set<string>();
    for (const s of snippets) {
      assert.ok(s.description.length > 20, `${s.name}: a description`);
      for (const p of s.prefixes) {
        assert.match(p, /^ss-k8s-[a-z0-9-]+$/);
        assert.ok(!seen.has(p), `prefix ${p} is unique`);
        seen.add(p);
      }
    }
    const kinds = snippets.flatMap((s) => [...expand(s.body).matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]));
    for (const kind of [
      'Deployment',
      'Service',
      'Ingress',
      'HorizontalPodAutoscaler',
      'Namespace',
      'ResourceQuota',
      'ConfigMap',
      'Secret',
      'PersistentVolumeClaim',
      'NetworkPolicy',
    ])
      assert.ok(kinds.includes(kind), `a snippet for ${kind}`);
  });

  it('is served by the language server, not also contributed to VS Code (no duplicates)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { snippets?: unknown };
    };
    assert.equal(pkg.contributes.snippets, undefined);
    const served = snippetItems('kubernetes', { line: 0, character: 0 }, 0).map((i) => i.filterText);
    assert.deepEqual(
      served,
      snippets.map((s) => s.prefixes.join(' ')),
    );
  });

  for (const s of snippets) {
    it(`${s.prefixes[0]}: valid YAML that draws no error or warning`, () => {
      const text = expand(s.body) + '\n';
      const model = parseKubernetes(text);
      assert.deepEqual(
        model.documents.flatMap((d) => d.problems.map((p) => p.message)),
        [],
        `YAML problems in:\n${numbered(text)}`,
      );
      assert.ok(model.manifests.length > 0);
      assert.deepEqual(problems(text), [], `${s.name} expanded to:\n${numbered(text)}`);
    });
  }

  it('all snippets in one file: the Service, HPA and Ingress find the Deployment, nothing is reported', () => {
    const text = snippets.map((s) => expand(s.body)).join('\n---\n') + '\n';
    assert.deepEqual(problems(text), [], numbered(text));
    const all = new Engine().analyze({ name: 'manifest.yaml', text }, config(), noFiles);
    assert.deepEqual(
      all?.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`),
      [],
      'not even info or hints',
    );
  });
});
