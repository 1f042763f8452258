import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubernetesAssists } from '../server/src/assists/kubernetes';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { applyEdits } from '../server/src/core/text';
import { Engine } from '../server/src/engine';
import { KubernetesIndexStore, parseKubernetes, summarizeText } from '../server/src/languages/kubernetes';

/**
 * The Kubernetes refactorings, as tables: the text, where the cursor is (`|`), the title of the assist and
 * the exact text after it; or no such assist. Every result re-parses without a YAML problem and draws no
 * finding the text did not have (by rule and message), with the file's comments and style kept.
 */
interface Case {
  name: string;
  code: string;
  title: string;
  output: string | null;
  /** Other files of the application. */
  workspace?: Record<string, string>;
}

function hostOf(workspace: Record<string, string> | undefined): Host {
  const store = new KubernetesIndexStore();
  for (const [f, t] of Object.entries(workspace ?? {})) store.setDisk(f, summarizeText(f, t));
  store.setComplete(true);
  return { exists: () => undefined, kubernetes: store.get() };
}

function findings(text: string, host: Host): Set<string> {
  const r = new Engine().analyze({ name: 'app/manifests.yaml', text }, defaultConfig(), host);
  assert.ok(r);
  assert.deepEqual(r.internalErrors, []);
  return new Set(r.findings.map((f) => `${f.ruleId}: ${f.message}`));
}

function run(c: Case): void {
  it(c.name, () => {
    const cursor = c.code.indexOf('|');
    assert.ok(cursor >= 0, 'the case marks the cursor with |');
    const text = c.code.slice(0, cursor) + c.code.slice(cursor + 1);
    const model = { ...parseKubernetes(text), file: 'app/manifests.yaml' };
    const at = model.doc.positionAt(cursor);
    const host = hostOf(c.workspace);
    const offered = kubernetesAssists(model, { start: at, end: at }, { host });
    const fix = offered.find((f) => f.title.startsWith(c.title));
    if (c.output === null) {
      assert.equal(fix, undefined, `not offered; offered: ${offered.map((f) => f.title).join(' | ')}`);
      return;
    }
    assert.ok(fix, `offered: ${offered.map((f) => f.title).join(' | ')}`);
    const after = applyEdits(text, fix.edits).text;
    assert.equal(after, c.output);
    assert.deepEqual(
      parseKubernetes(after).documents.flatMap((d) => d.problems.map((p) => p.message)),
      [],
      'the result re-parses',
    );
    const before = findings(text, host);
    assert.deepEqual(
      [...findings(after, host)].filter((f) => !before.has(f)),
      [],
      'no new finding',
    );
  });
}

const DEPLOY = `# The web front end.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
      - name: web # the only one
        image: registry.example.com/web:1.2.3
        env:
        - name: LOG_LEVEL
          value: info
        - name: GREETING
          value: "hello, world"
        - name: DB_PASSWORD
          value: s3cr3t-Passw0rd
        - name: URL
          value: http://$(HOST)/
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;

const cursorIn = (text: string, after: string) => text.replace(after, after + '|');

const CASES: Case[] = [
  {
    name: 'Add a PodDisruptionBudget: one pod down at a time, over the workload selector',
    code: cursorIn(DEPLOY, 'replicas: 3'),
    title: 'Add a PodDisruptionBudget',
    output:
      DEPLOY +
      '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web-pdb\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n  unhealthyPodEvictionPolicy: AlwaysAllow\n',
  },
  {
    name: 'no PodDisruptionBudget when one in another file covers the pods',
    code: cursorIn(DEPLOY, 'replicas: 3'),
    title: 'Add a PodDisruptionBudget',
    output: null,
    workspace: {
      'app/pdb.yaml':
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
    },
  },
  {
    name: 'no PodDisruptionBudget while the selector misses its own pods (selector-mismatch first)',
    code: cursorIn(
      DEPLOY.replace('      labels:\n        app: web', '      labels:\n        app: frontend'),
      'replicas: 3',
    ),
    title: 'Add a PodDisruptionBudget',
    output: null,
  },
  {
    name: 'Spread replicas across nodes: added to the pod spec, in the file style',
    code: cursorIn(DEPLOY, 'replicas: 3'),
    title: 'Spread replicas across nodes',
    output: DEPLOY.replace(
      '          value: http://$(HOST)/\n',
      '          value: http://$(HOST)/\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n',
    ),
  },
  {
    name: 'no spread for a single replica',
    code: cursorIn(DEPLOY.replace('replicas: 3', 'replicas: 1'), 'replicas: 1'),
    title: 'Spread replicas across nodes',
    output: null,
  },
  {
    name: "a default deny and an allow policy for the Service's target ports",
    code: DEPLOY + '---\n' + cursorIn(SERVICE, 'kind: Service'),
    title: 'Add a default-deny NetworkPolicy',
    output:
      DEPLOY +
      '---\n' +
      SERVICE +
      '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-allow-ingress\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - ports:\n    - port: 8080\n',
  },
  {
    name: 'with a default deny elsewhere in the application, only the allow policy',
    code: cursorIn(SERVICE, 'kind: Service'),
    title: 'Allow the traffic of Service web',
    output:
      SERVICE +
      '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-allow-ingress\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - ports:\n    - port: 8080\n',
    workspace: {
      'app/deny.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
      'app/web.yaml': DEPLOY,
    },
  },
  {
    name: 'no policy when the Service selects no known workload (it would select nothing)',
    code: DEPLOY + '---\n' + cursorIn(SERVICE.replace('    app: web', '    app: api'), 'kind: Service'),
    title: 'Add a default-deny NetworkPolicy',
    output: null,
  },
  {
    name: 'literal env values into a ConfigMap: credentials and $(VAR) references stay',
    code: cursorIn(DEPLOY, 'image: registry'),
    title: 'Move 2 literal env values into ConfigMap web-web-env',
    output:
      DEPLOY.replace(
        '          value: info\n',
        '          valueFrom:\n            configMapKeyRef:\n              name: web-web-env\n              key: LOG_LEVEL\n',
      ).replace(
        '          value: "hello, world"\n',
        '          valueFrom:\n            configMapKeyRef:\n              name: web-web-env\n              key: GREETING\n',
      ) +
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-web-env\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n  GREETING: "hello, world"\n',
  },
  {
    name: 'a credential into a Secret',
    code: cursorIn(DEPLOY, 'image: registry'),
    title: 'Move the value of DB_PASSWORD into Secret web-web-env',
    output:
      DEPLOY.replace(
        '          value: s3cr3t-Passw0rd\n',
        '          valueFrom:\n            secretKeyRef:\n              name: web-web-env\n              key: DB_PASSWORD\n',
      ) +
      '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-web-env\n  namespace: shop\ntype: Opaque\nstringData:\n  DB_PASSWORD: s3cr3t-Passw0rd\n',
  },
  {
    name: 'CRLF line endings are kept',
    code: cursorIn(DEPLOY, 'replicas: 3').replace(/\n/g, '\r\n'),
    title: 'Spread replicas across nodes',
    output: DEPLOY.replace(
      '          value: http://$(HOST)/\n',
      '          value: http://$(HOST)/\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n',
    ).replace(/\n/g, '\r\n'),
  },
  {
    name: 'no env move outside a container',
    code: cursorIn(DEPLOY, 'replicas: 3'),
    title: 'Move',
    output: null,
  },
];

describe('Kubernetes assists', () => {
  for (const c of CASES) run(c);
});
