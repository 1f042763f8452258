import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig, type Config } from '../server/src/core/config';
import type { IndexedObject } from '../server/src/core/kubernetes-index';
import type { Host, Report, Rule } from '../server/src/core/rule';
import { applyEdits } from '../server/src/core/text';
import { Engine, noFiles, type FileResult } from '../server/src/engine';
import type { KubernetesModel } from '../server/src/languages/kubernetes';
import { createKubernetesCache, parseKubernetes } from '../server/src/languages/kubernetes';
import {
  cachedRule,
  DOCUMENT_RULES,
  MODEL_READS,
  ruleModel,
  VIEW_RULES,
} from '../server/src/languages/kubernetes/rule-cache';
import { summarizeText } from '../server/src/languages/kubernetes/workspace';
import { rules } from '../server/src/rules';
import { generateManifests } from '../scripts/bench/kubernetes';

/**
 * The per-document rule cache (languages/kubernetes/rule-cache.ts) must never show a finding the text no
 * longer has, nor miss one it has: after every edit, an Engine that has seen the earlier versions reports
 * exactly what a fresh Engine reports for the same text — findings, ranges, messages and every fix's edits.
 */

const NAME = '/work/app/k8s/manifests.yaml';

function strict(): Config {
  return { ...defaultConfig(), preset: 'strict' };
}

function snapshot(r: FileResult | null): unknown[] {
  assert.ok(r);
  return r.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: f.range,
    fixes: f.fixes().map((x) => ({ title: x.title, kind: x.kind, edits: x.edits, creates: x.creates })),
  }));
}

/** Analyses each text in turn with one Engine and checks each result against a fresh Engine's. */
function checkSequence(
  texts: readonly string[],
  config: (i: number) => Config = strict,
  host: (i: number) => Host = () => noFiles,
): FileResult[] {
  const engine = new Engine();
  return texts.map((text, i) => {
    const cached = engine.analyze({ name: NAME, text }, config(i), host(i));
    const fresh = new Engine().analyze({ name: NAME, text }, config(i), host(i));
    assert.deepEqual(snapshot(cached), snapshot(fresh), `analysis ${i} differs from a fresh Engine's`);
    assert.ok(cached);
    return cached;
  });
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:latest
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;
const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  REVISION: r0
`;
const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: registry.example.com/migrate:1.0.0
`;
const CRONJOB = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example.com/report:1.0.0
`;
/** Enough documents that an edit of one re-runs rules on that one alone (the cache's per-document path). */
const OTHERS = Array.from({ length: 12 }, (_, i) => CONFIG.replace('name: web', `name: other-${i}`));
const FILE = [WEB, SERVICE, CONFIG, JOB, CRONJOB, ...OTHERS].join('---\n');

function ids(r: FileResult, ruleId: string): number[] {
  return r.findings.filter((f) => f.ruleId === ruleId).map((f) => f.range.start.line);
}

describe('kubernetes rule cache: an edit never leaves a stale finding', () => {
  it('a Deployment relabelled in one document makes the Service of another select nothing, and back', () => {
    const relabelled = FILE.replace('        app: web\n', '        app: api\n');
    const [before, after, back] = checkSequence([FILE, relabelled, FILE]);
    assert.deepEqual(ids(before as FileResult, 'kubernetes/service-selector'), []);
    assert.deepEqual(ids(after as FileResult, 'kubernetes/service-selector'), [23]);
    assert.deepEqual(ids(back as FileResult, 'kubernetes/service-selector'), []);
  });

  it("another document's ServiceAccount, Service or workload reaches the rules that read it", () => {
    const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n';
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n' +
      '  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n' +
      '  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n' +
      '        type: Utilization\n        averageUtilization: 70\n';
    const withHpa = `${FILE}---\n${hpa}`;
    const requested = withHpa.replace(
      'image: nginx:latest\n',
      'image: nginx:latest\n        resources:\n          requests:\n            cpu: 100m\n',
    );
    const unmounted = account.replace('\n', '\nautomountServiceAccountToken: false\n');
    const results = checkSequence([
      withHpa,
      `${withHpa}---\n${account}`,
      `${withHpa}---\n${unmounted}`,
      `${requested}---\n${unmounted}`,
      requested,
      requested.replace('kind: Service\n', 'kind: ConfigMap\n'),
      withHpa,
    ]);
    const count = (i: number, id: string) =>
      (results[i] as FileResult).findings.filter((f) => f.ruleId === id).length;
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((i) => count(i, 'kubernetes/automount-token')),
      [3, 3, 0, 0, 3],
    );
    assert.deepEqual(
      [0, 4, 6].map((i) => count(i, 'kubernetes/hpa-target')),
      [1, 0, 1],
    );
  });

  it('a ConfigMap edited elsewhere leaves the other documents as they were', () => {
    checkSequence([FILE, FILE.replace('REVISION: r0', 'REVISION: r1'), FILE.replace('REVISION: r0', 'X: y')]);
  });

  it('lines inserted above cached documents move their findings and fixes exactly', () => {
    const results = checkSequence([
      FILE,
      '# deployed by CI\n# twice\n' + FILE,
      FILE.replace('kind: Service\n', 'kind: Service\n# the web front\n'),
      FILE.replace('  name: web\n', '  name: web\n  namespace: default\n'),
      FILE.replace('replicas: 3', 'replicas: 3333'),
    ]);
    // The Job's missing ttlSecondsAfterFinished is reported at its name, two lines lower after the insertion.
    assert.deepEqual(ids(results[0] as FileResult, 'kubernetes/job-ttl'), [38]);
    assert.deepEqual(ids(results[1] as FileResult, 'kubernetes/job-ttl'), [40]);
    const fixed = applyEdits(
      '# deployed by CI\n# twice\n' + FILE,
      (results[1] as FileResult).findings.find((f) => f.ruleId === 'kubernetes/job-ttl')?.fixes()[0]?.edits ??
        [],
    );
    const migrate = 'image: registry.example.com/migrate:1.0.0\n';
    assert.equal(
      fixed.text,
      '# deployed by CI\n# twice\n' + FILE.replace(migrate, migrate + '  ttlSecondsAfterFinished: 86400\n'),
    );
  });

  it('a fix asked for after a later parse moved its document is not offered (rather than a wrong one)', () => {
    const engine = new Engine();
    const first = engine.analyze({ name: NAME, text: FILE }, strict(), noFiles);
    engine.analyze({ name: NAME, text: '# moved\n' + FILE }, strict(), noFiles);
    const ttl = first?.findings.find((f) => f.ruleId === 'kubernetes/job-ttl');
    assert.ok(ttl?.fixable);
    assert.deepEqual(ttl.fixes(), []);
  });

  it('a file-wide suppression in one document silences cached findings of the others', () => {
    const suppressed = FILE.replace(
      'kind: ConfigMap\n',
      'kind: ConfigMap\n# shipshape-ignore-file kubernetes/image-tag\n',
    );
    const [before, after, back] = checkSequence([FILE, suppressed, FILE]);
    assert.deepEqual(ids(before as FileResult, 'kubernetes/image-tag'), [16]);
    assert.deepEqual(ids(after as FileResult, 'kubernetes/image-tag'), []);
    assert.deepEqual(ids(back as FileResult, 'kubernetes/image-tag'), [16]);
  });

  it('settings and configuration apply to cached findings', () => {
    const configs: Config[] = [
      strict(),
      { ...strict(), rules: { 'kubernetes/image-tag': 'off' } },
      strict(),
      { ...strict(), podSecurity: 'restricted' },
      { ...strict(), kubernetesVersion: '1.20' },
      { ...strict(), rules: { 'kubernetes/image-tag': 'error' } },
    ];
    const results = checkSequence(
      configs.map(() => FILE),
      (i) => configs[i] as Config,
    );
    assert.deepEqual(ids(results[1] as FileResult, 'kubernetes/image-tag'), []);
    assert.deepEqual(ids(results[2] as FileResult, 'kubernetes/image-tag'), [16]);
    // batch/v1beta1 CronJob: removed in 1.25 (an error by default), only deprecated for 1.20.
    const cron = (r: FileResult | undefined) =>
      r?.findings.filter((f) => f.ruleId === 'kubernetes/deprecated-api').map((f) => f.severity);
    assert.notDeepEqual(cron(results[4]), cron(results[2]));
    assert.equal(results[5]?.findings.find((f) => f.ruleId === 'kubernetes/image-tag')?.severity, 'error');
  });

  it("the workspace index's objects reach cached documents of rules that read it", () => {
    const lonely = [SERVICE.replace('app: web', 'app: api'), CONFIG, ...OTHERS].join('---\n');
    const api = summarizeText(
      '/work/app/k8s/api.yaml',
      WEB.replace('name: web', 'name: api').replaceAll('app: web', 'app: apx'),
    );
    const fixed = api.map((o): IndexedObject => ({ ...o, podLabels: { app: 'api' } }));
    const hosts: Host[] = [
      { ...noFiles, kubernetes: { complete: true, objects: api } },
      { ...noFiles, kubernetes: { complete: true, objects: fixed } },
      { ...noFiles, kubernetes: { complete: true, objects: api } },
    ];
    const results = checkSequence([lonely, lonely, lonely], strict, (i) => hosts[i] as Host);
    assert.deepEqual(ids(results[0] as FileResult, 'kubernetes/service-selector'), [5]);
    assert.deepEqual(ids(results[1] as FileResult, 'kubernetes/service-selector'), []);
    assert.deepEqual(ids(results[2] as FileResult, 'kubernetes/service-selector'), [5]);
  });

  it('random edits of a generated file: the cached Engine always agrees with a fresh one', () => {
    const base = generateManifests(12, 3);
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 12 }),
      insert: fc.constantFrom('', 'x', '\n', '# note\n', '---\n', 'app: web\n', '  ', 'latest', ':'),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const texts: string[] = [base];
        let text = base;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          texts.push(text);
        }
        checkSequence(texts);
      }),
      { numRuns: 25 },
    );
  });
});

/** Multi-document inputs of the repository: golden files, examples and a generated file. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry) && !/expected|fixed/.test(entry))
        out.push({ name: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk('test/golden/kubernetes');
  walk('test/golden/kubernetes-app');
  walk('examples/kubernetes');
  out.push({ name: 'generated.yaml', text: generateManifests(40, 5) });
  return out.filter((f) => /^---/m.test(f.text));
}

function reportsOf(rule: Rule<KubernetesModel>, model: KubernetesModel): string[] {
  const out: string[] = [];
  rule.check({
    doc: model.doc,
    model,
    host: noFiles,
    settings: {
      trustedRegistries: [],
      kubernetesVersion: null,
      labelSchema: {},
      strictLabels: false,
      podSecurity: 'restricted',
    },
    report: (r: Report) => out.push(JSON.stringify([r.at, r.messageId, r.data ?? null, r.severity ?? null])),
  });
  return out;
}

describe('kubernetes rule cache: the rules it keeps per document read only that document', () => {
  const cached = rules.filter((r) => cachedRule(r.id)) as Rule<KubernetesModel>[];
  const named = new Set([...DOCUMENT_RULES, ...VIEW_RULES, ...MODEL_READS.keys()]);

  it('names only rules that exist', () => {
    assert.equal(cached.length, named.size);
  });

  for (const rule of cached)
    it(`${rule.id} reports on each document alone what it reports there in the whole file`, () => {
      for (const file of corpus()) {
        const model = { ...parseKubernetes(file.text, createKubernetesCache()), file: file.name };
        const alone = model.documents.flatMap((d) => reportsOf(rule, ruleModel(model, d, rule.id)));
        assert.deepEqual(alone.sort(), reportsOf(rule, model).sort(), file.name);
      }
    });

  it('their sources ask nothing of the host, and read other objects only as the cache knows', () => {
    for (const id of named) {
      // What the rule does (its check and helpers), without its imports.
      let source = readFileSync(`server/src/rules/${id}.ts`, 'utf8').replace(/^import[^;]*;/gm, '');
      if (VIEW_RULES.has(id)) source = source.replace('workspaceView(ctx.model, ctx.host)', 'VIEW');
      assert.ok(!/ctx\.host|host\.kubernetes|workspaceView/.test(source), `${id} asks the host`);
      if (DOCUMENT_RULES.has(id)) continue;
      // One list of objects it reports on, and of the others only the lists it is said to read, nothing more.
      assert.ok(!/ctx\.model\s*[,)]/.test(source), `${id} hands the model on`);
      const lists = new Set(source.match(/ctx\.model\.\w+/g));
      for (const c of MODEL_READS.get(id) ?? []) lists.delete(`ctx.model.${c}`);
      assert.equal(lists.size, 1, id);
    }
  });
});
