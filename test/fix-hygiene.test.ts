/**
 * Fix hygiene: a fix of ours never draws another Shipshape finding.
 *
 * For every golden input (`test/golden/**`), every example (`examples/**`) and every rule's docs `bad`
 * example, with every rule on (hints included), each fix offered for each finding (safe and unsafe, not
 * only the preferred one) and each assist offered at each Kubernetes document is applied alone; then
 *
 * - the fixed finding is gone (one fewer finding with its rule id and message),
 * - no finding appears that was not there before, of any severity (syntax errors included), compared by
 *   rule id and message because ranges move,
 * - two safe fixes applied one after the other (re-analysing between them, as fix-all does) give the same
 *   text in either order, whenever the second still applies after the first.
 *
 * Snippets are held to the same standard (clean under every rule) by test/snippets*.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, type Config } from '../server/src/core/config';
import type { Finding, Fix, Host } from '../server/src/core/rule';
import { applyFixGroups, TextDoc } from '../server/src/core/text';
import { Engine, type FileResult } from '../server/src/engine';
import { parseKubernetes } from '../server/src/languages/kubernetes';
import { rules } from '../server/src/rules';

interface Input {
  title: string;
  name: string;
  text: string;
  /** Files beside the input (names relative to its directory) and their text. */
  siblings: Map<string, string>;
}

const ROOT = join(import.meta.dirname, '..');

/** All rules on, at their default severities: `onlyRecommended` is off in the default configuration. */
function config(): Config {
  const c = defaultConfig();
  c.onlyRecommended = false;
  return c;
}

function hostFor(input: Input, creates: readonly string[] = []): Host {
  return {
    fileName: input.name,
    exists: (p) => input.siblings.has(p) || creates.includes(p),
    read: (p) => input.siblings.get(p),
  };
}

function siblingsOf(dir: string, except: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of readdirSync(dir))
    if (n !== except && statSync(join(dir, n)).isFile()) out.set(n, readFileSync(join(dir, n), 'utf8'));
    else if (n !== except) out.set(n, '');
  return out;
}

function goldenInputs(): Input[] {
  const names: Record<string, string> = {
    dockerfile: 'Dockerfile',
    compose: 'compose.yaml',
    kubernetes: 'manifests.yaml',
  };
  const out: Input[] = [];
  for (const [language, name] of Object.entries(names)) {
    const root = join(ROOT, 'test/golden', language);
    if (!existsSync(root)) continue;
    for (const folder of readdirSync(root).sort()) {
      const dir = join(root, folder);
      const siblings = siblingsOf(dir, name);
      for (const n of [...siblings.keys()])
        if (n.endsWith('.fixed') || n === 'findings.txt') siblings.delete(n);
      out.push({
        title: `golden ${language}/${folder}`,
        name,
        text: readFileSync(join(dir, name), 'utf8'),
        siblings,
      });
    }
  }
  return out;
}

function exampleInputs(): Input[] {
  const out: Input[] = [];
  const engine = new Engine();
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) {
        if (n !== 'node_modules') walk(p);
        continue;
      }
      if (!/^Dockerfile|\.ya?ml$/.test(n)) continue;
      const text = readFileSync(p, 'utf8');
      if (!engine.analyze({ name: n, text })) continue;
      out.push({ title: `example ${relative(ROOT, p)}`, name: n, text, siblings: siblingsOf(dir, n) });
    }
  };
  walk(join(ROOT, 'examples'));
  return out;
}

function docsInputs(): Input[] {
  return rules.map((r) => ({
    title: `docs ${r.id}`,
    name:
      r.language === 'dockerfile'
        ? 'Dockerfile'
        : r.language === 'compose'
          ? 'compose.yaml'
          : 'manifest.yaml',
    text: r.docs.bad,
    siblings: new Map<string, string>(),
  }));
}

/**
 * A fix edit's snippet form with every tab stop at its default (`\${1:x}` gives x); `\\$`, `\\}` and
 * `\\\\` are literal. Fix snippets use only plain tab stops with plain defaults.
 */
function expandSnippet(snippet: string): string {
  return snippet.replace(
    /\\([$}\\])|\$\{\d+:([^}\\$]*)\}|\$\d+/g,
    (_, lit: string | undefined, def: string | undefined) => lit ?? def ?? '',
  );
}

const key = (f: Finding): string => `${f.ruleId}: ${f.message}`;

function counts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)}  ${l}`)
    .join('\n');
}

/** A fix's edits applied alone, and the analysis of the result. */
function applyAlone(engine: Engine, input: Input, text: string, fix: Pick<Fix, 'edits' | 'creates'>) {
  const fixed = applyFixGroups(text, [fix.edits]).text;
  const host = hostFor(
    input,
    (fix.creates ?? []).map((c) => c.path),
  );
  const result = engine.analyze({ name: input.name, text: fixed }, config(), host);
  assert.ok(result, 'the fixed text is still recognised');
  return { fixed, result };
}

/** Findings after a fix that were not there before (by rule id and message, counted). */
function added(before: FileResult, after: FileResult): string[] {
  const was = counts(before.findings);
  const out: string[] = [];
  for (const [k, n] of counts(after.findings)) if (n > (was.get(k) ?? 0)) out.push(k);
  return out;
}

/**
 * New findings that are allowed, each with its reason; an entry that no longer matches anything fails the
 * suite, so it is removed when it stops being needed. Two kinds:
 *
 * - `unmasked`: a rule stays quiet while the problem being fixed stands, and the fix brings the user's own
 *   text to light; the new finding is about what the user wrote, not about what the fix wrote.
 * - `defect`: a defect in code this suite does not own (none at the moment).
 */
const ALLOWED: { kind: 'unmasked' | 'defect'; fix: RegExp; finding: RegExp; reason: string }[] = [
  {
    kind: 'unmasked',
    fix: /^Remove `privileged: true`/,
    finding: /^compose\/(cap-drop-all|no-new-privileges|harden-service): /,
    reason:
      'a privileged container has every capability, so the hardening rules leave privileged services alone',
  },
  {
    kind: 'unmasked',
    fix: /^Rename "livenessprobe" to "livenessProbe"/,
    finding: /^kubernetes\/missing-startup-probe: /,
    reason: "the misspelt probe is the user's own, with its 30 s delay; once spelt right it is read",
  },
  {
    kind: 'unmasked',
    fix: /^Select the pods of /,
    finding: /^kubernetes\/missing-probes: /,
    reason: 'a readiness probe is asked of containers a Service selects; the fixed Service now selects them',
  },
  {
    kind: 'unmasked',
    fix: /^Remove the quotes/,
    finding: /^kubernetes\/spread-replicas: /,
    reason: "a quoted replica count is the schema rule's; unquoted, the user's own count of replicas is read",
  },
];
const used = new Set<number>();
/** Pairs of safe fixes compared in both orders, over all inputs. */
let compared = 0;

function allowed(fix: string, finding: string): boolean {
  const i = ALLOWED.findIndex((e) => e.fix.test(fix) && e.finding.test(finding));
  if (i < 0) return false;
  used.add(i);
  return true;
}

/** Every fix of every finding, and every assist at every Kubernetes document, with a label. */
function offered(
  engine: Engine,
  input: Input,
  result: FileResult,
): { label: string; finding?: Finding; fix: Fix }[] {
  const out: { label: string; finding?: Finding; fix: Fix }[] = [];
  for (const f of result.findings) {
    if (!f.fixable) continue;
    for (const fix of f.fixes()) out.push({ label: `${key(f)} → "${fix.title}"`, finding: f, fix });
  }
  if (result.language === 'kubernetes') {
    const model = parseKubernetes(input.text);
    const doc = new TextDoc(input.text);
    for (const m of model.manifests) {
      const at = doc.positionAt(m.document.start);
      for (const a of engine.assists(
        { name: input.name, text: input.text },
        { start: at, end: at },
        config(),
        hostFor(input),
      ))
        out.push({
          label: `assist at ${m.kind}/${m.name ?? '?'} → "${a.title}"`,
          fix: {
            title: a.title,
            kind: a.kind ?? 'unsafe',
            edits: a.edits,
            creates: a.creates ?? [],
            preferred: false,
          },
        });
    }
  }
  return out;
}

/**
 * Small files with many safe fixes at once, so that fix-all order independence is checked on more than
 * the one or two safe fixes a golden file offers.
 */
function denseInputs(): Input[] {
  const none = new Map<string, string>();
  return [
    {
      title: 'dense Dockerfile',
      name: 'Dockerfile',
      siblings: new Map([['.dockerignore', '.git\n']]),
      text: [
        'FROM debian:12-slim',
        'MAINTAINER ops@example.com',
        'WORKDIR app',
        'RUN apt-get update && apt-get install curl python3-pip',
        'RUN pip install requests==2.32.3',
        'ADD requirements.txt /app/',
        'COPY . .',
        'USER nobody',
        'EXPOSE 8000',
        'CMD python3 -m http.server',
        '',
      ].join('\n'),
    },
    {
      title: 'dense Compose file',
      name: 'compose.yaml',
      siblings: none,
      text: [
        'version: "3.8"',
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    command: echo $$HOME $HOME',
        '',
      ].join('\n'),
    },
    {
      title: 'dense Kubernetes manifests',
      name: 'manifests.yaml',
      siblings: none,
      text: [
        'apiVersion: batch/v1beta1',
        'kind: CronJob',
        'metadata:',
        '  name: cleanup',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          containers:',
        '          - name: cleanup',
        '            image: registry.example.com/cleanup:1.0.0',
        '---',
        'apiVersion: policy/v1beta1',
        'kind: PodDisruptionBudget',
        'metadata:',
        '  name: web',
        'spec:',
        '  minAvailable: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '---',
        'apiVersion: autoscaling/v2beta2',
        'kind: HorizontalPodAutoscaler',
        'metadata:',
        '  name: web',
        'spec:',
        '  scaleTargetRef:',
        '    apiVersion: apps/v1',
        '    kind: Deployment',
        '    name: web',
        '  minReplicas: 3',
        '  maxReplicas: 10',
        '',
      ].join('\n'),
    },
    {
      // Fixes append to a container whose last value is a block scalar, which ends on the next line.
      title: 'dense container ending in a block scalar',
      name: 'manifests.yaml',
      siblings: none,
      text: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example.com/web:1.0.0',
        '          ports:',
        '            - containerPort: 8080',
        '          command:',
        '            - sh',
        '            - -c',
        '            - >-',
        '              exec /app/web',
        '              --port 8080',
        '      volumes:',
        '        - name: cache',
        '          emptyDir: {}',
        '',
      ].join('\n'),
    },
  ];
}

const inputs = [...goldenInputs(), ...exampleInputs(), ...docsInputs(), ...denseInputs()];

describe('fix hygiene', () => {
  it('covers golden files, examples and every rule docs example', () => {
    assert.ok(inputs.some((i) => i.title.startsWith('golden compose/')));
    assert.ok(inputs.some((i) => i.title.startsWith('golden kubernetes/')));
    assert.ok(inputs.some((i) => i.title.startsWith('example examples/kubernetes/')));
    assert.equal(inputs.filter((i) => i.title.startsWith('docs ')).length, rules.length);
  });

  for (const input of inputs) {
    describe(input.title, () => {
      it('each fix alone removes its finding and draws no other finding', () => {
        const engine = new Engine();
        const before = engine.analyze({ name: input.name, text: input.text }, config(), hostFor(input));
        assert.ok(before);
        assert.deepEqual(before.internalErrors, []);
        const problems: string[] = [];
        for (const { label, finding, fix } of offered(engine, input, before)) {
          for (const e of fix.edits)
            if (e.snippet !== undefined)
              assert.equal(expandSnippet(e.snippet), e.newText, `${label}: snippet form of an edit`);
          const { fixed, result } = applyAlone(engine, input, input.text, fix);
          if (fixed === input.text && fix.creates.length === 0) {
            problems.push(`${label}: changes nothing`);
            continue;
          }
          if (
            finding &&
            (counts(result.findings).get(key(finding)) ?? 0) >=
              (counts(before.findings).get(key(finding)) ?? 0)
          )
            problems.push(`${label}: the finding is still there\n${numbered(fixed)}`);
          for (const a of added(before, result))
            if (!allowed(fix.title, a)) problems.push(`${label}: draws ${a}\n${numbered(fixed)}`);
          assert.deepEqual(result.internalErrors, [], label);
        }
        assert.deepEqual(problems, []);
      });

      it('two safe fixes give the same text in either order', () => {
        const engine = new Engine();
        const host = hostFor(input);
        const before = engine.analyze({ name: input.name, text: input.text }, config(), host);
        assert.ok(before);
        const safe = before.findings.flatMap((f) =>
          f.fixable
            ? f
                .fixes()
                .filter((x) => x.kind === 'safe')
                .map((fix) => ({ k: key(f), fix }))
            : [],
        );
        // Applies the fix titled `title` of the finding keyed `k` in `text`, if it is still offered there.
        const again = (text: string, k: string, title: string): string | undefined => {
          const r = engine.analyze({ name: input.name, text }, config(), host);
          const f = r?.findings.find((x) => key(x) === k && x.fixable);
          const fix = f?.fixes().find((x) => x.title === title);
          return fix ? applyFixGroups(text, [fix.edits]).text : undefined;
        };
        const problems: string[] = [];
        for (let i = 0; i < safe.length; i++)
          for (let j = i + 1; j < safe.length; j++) {
            const a = safe[i];
            const b = safe[j];
            if (!a || !b || a.k === b.k) continue;
            const afterA = applyFixGroups(input.text, [a.fix.edits]).text;
            const afterB = applyFixGroups(input.text, [b.fix.edits]).text;
            const ab = again(afterA, b.k, b.fix.title);
            const ba = again(afterB, a.k, a.fix.title);
            if (ab !== undefined && ba !== undefined) compared++;
            if (ab !== undefined && ba !== undefined && ab !== ba)
              problems.push(
                `"${a.fix.title}" (${a.k}) and "${b.fix.title}" (${b.k}) depend on order:\n${numbered(ab)}\n---\n${numbered(ba)}`,
              );
          }
        assert.deepEqual(problems, []);
      });
    });
  }

  it('the Compose limits fix puts its values in tab stops, and they start on any host', () => {
    const text = 'services:\n  api:\n    image: registry.example.com/api:1.4\n';
    const result = new Engine().analyze(
      { name: 'compose.yaml', text },
      config(),
      hostFor(inputs[0] as Input),
    );
    const fix = result?.findings.find((f) => f.ruleId === 'compose/resource-limits')?.fixes()[0];
    assert.equal(
      fix?.edits[0]?.snippet,
      '\n    deploy:\n      resources:\n        limits:\n          cpus: "${1:1.0}"\n          memory: ${2:2G}\n' +
        '        reservations:\n          cpus: "${3:0.5}"\n          memory: ${4:1G}',
    );
  });

  it('compared pairs of safe fixes in both orders', () => {
    assert.ok(compared >= 30, `only ${compared} pairs compared`);
  });

  it('every allowed new finding is still needed', () => {
    assert.deepEqual(
      ALLOWED.filter((_, i) => !used.has(i)).map((e) => e.reason),
      [],
    );
  });
});
