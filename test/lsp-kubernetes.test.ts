import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { parseKubernetes } from '../server/src/languages/kubernetes';
import { applyWorkspaceEdit, LspClient } from './helpers/lsp-client';

/**
 * The language server on Kubernetes manifests, as an editor drives it: the real bundle over stdio. The
 * "Add a HorizontalPodAutoscaler" refactoring and the "add probes" quick fix are applied and the result
 * is sent back, so each round-trips: the text still parses, comments survive, the finding is gone.
 */
const SERVER = 'server/out/server.js';

const MANIFESTS = `# Publishing API: the web tier.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: publishing-api # keep in sync with the Service
spec:
  replicas: 1
  selector:
    matchLabels:
      app: publishing-api
  template:
    metadata:
      labels:
        app: publishing-api
    spec:
      containers:
      - name: api
        image: registry.example.com/publishing-api:v1.0.0
        ports:
        - containerPort: 8080 # uvicorn
        resources:
          requests:
            memory: "512Mi"
            cpu: "500m"
          limits:
            memory: "2Gi"
            cpu: "2000m"
        livenessprobe:
          httpGet:
            path: /health
            port: 8080
---
# Reaches the pods of the Deployment above.
apiVersion: v1
kind: Service
metadata:
  name: publishing-api
spec:
  selector:
    app: publishing-api
  ports:
  - port: 80
    targetPort: 8080
`;

/** A diagnostic's message as text (LSP 3.18 also allows markup). */
function message(d: Diagnostic | undefined): string {
  const m = d?.message ?? '';
  return typeof m === 'string' ? m : m.value;
}

function codes(diags: Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => String(d.code)))].sort();
}

function actionFor(actions: unknown[], title: RegExp): CodeAction {
  const a = actions.find(
    (x): x is CodeAction =>
      typeof x === 'object' && x !== null && 'title' in x && title.test((x as CodeAction).title),
  );
  assert.ok(
    a,
    `no code action matching ${title}; got ${actions.map((x) => (x as CodeAction).title).join(' | ')}`,
  );
  return a;
}

function reparses(text: string): void {
  const model = parseKubernetes(text);
  assert.deepEqual(
    model.documents.flatMap((d) => d.problems.map((p) => p.message)),
    [],
    'the edited text is valid YAML',
  );
}

describe('language server on Kubernetes manifests', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;
  let version = 1;
  let text = MANIFESTS;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-k8s-'));
    const file = join(dir, 'manifests.yaml');
    writeFileSync(file, MANIFESTS);
    uri = pathToFileURL(file).toString();
    client = await LspClient.start(SERVER, { rootUri: pathToFileURL(dir).toString(), timeoutMs: 20_000 });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes Kubernetes diagnostics with rule ids, docs links and precise ranges', async () => {
    await client.open(uri, 'yaml', MANIFESTS);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    const found = codes(p.diagnostics);
    for (const id of [
      'kubernetes/schema',
      'kubernetes/missing-probes',
      'kubernetes/security-context',
      'kubernetes/single-replica',
    ])
      assert.ok(found.includes(id), `${id} in ${found.join(', ')}`);
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'shipshape');
      assert.match(d.codeDescription?.href ?? '', /docs\/rules\/kubernetes\/[a-z-]+\.md$/);
    }
    const schema = p.diagnostics.find((d) => d.code === 'kubernetes/schema');
    assert.deepEqual(schema?.range, { start: { line: 27, character: 8 }, end: { line: 27, character: 21 } });
    assert.equal(schema?.severity, 1);
    assert.match(message(schema), /Did you mean "livenessProbe"/);
  });

  it('offers "Add a HorizontalPodAutoscaler" as a refactoring inside the Deployment, and it round-trips', async () => {
    const inside = { start: { line: 16, character: 10 }, end: { line: 16, character: 10 } };
    const actions = await client.codeActions(uri, inside, ['refactor']);
    const action = actionFor(actions, /^Add a HorizontalPodAutoscaler\b/);
    assert.equal(action.kind, 'refactor');
    const next = applyWorkspaceEdit(text, action.edit!, uri);
    reparses(next);
    // `replicas` goes (it would fight the HPA on every apply); the rest, comments included, is kept.
    assert.ok(
      next.startsWith(MANIFESTS.replace('spec:\n  replicas: 1\n', 'spec:\n')),
      'the rest of the file, comments included, is kept',
    );
    for (const part of [
      '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: publishing-api-hpa\n',
      'scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: publishing-api\n  minReplicas: 3\n  maxReplicas: 10\n',
      'name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n',
      'name: memory\n      target:\n        type: Utilization\n        averageUtilization: 80\n',
    ])
      assert.ok(next.includes(part), `the HPA holds ${JSON.stringify(part)}`);
    text = next;
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(
      !codes(p.diagnostics).includes('kubernetes/single-replica'),
      'the HPA now scales the Deployment',
    );
    assert.ok(
      !codes(p.diagnostics).includes('kubernetes/hpa-target'),
      'the containers request CPU and memory',
    );
    // Once an HPA targets the Deployment, the refactoring is not offered again, nor outside a Deployment.
    const again = await client.codeActions(uri, inside, ['refactor']);
    assert.ok(!again.some((a) => /HorizontalPodAutoscaler/.test((a as CodeAction).title)));
    const inService = await client.codeActions(
      uri,
      { start: { line: 35, character: 2 }, end: { line: 35, character: 2 } },
      ['refactor'],
    );
    assert.ok(!inService.some((a) => /HorizontalPodAutoscaler/.test((a as CodeAction).title)));
  });

  it('"add probes" adds liveness and readiness probes on the container port, and round-trips', async () => {
    // First the misspelt key is renamed (the safe schema fix), which leaves the readiness probe missing.
    const schema = client.diagnostics(uri).find((d) => d.code === 'kubernetes/schema');
    assert.ok(schema);
    const rename = actionFor(
      await client.codeActions(uri, schema.range, ['quickfix']),
      /Rename "livenessprobe"/,
    );
    assert.equal(rename.isPreferred, true);
    text = applyWorkspaceEdit(text, rename.edit!, uri);
    await client.change(uri, ++version, text);
    await client.waitForDiagnostics(uri, undefined, version);
    // Then the probe that is still missing: to show "add probes" on both, the liveness probe goes too.
    text = text.replace(
      '        livenessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n',
      '',
    );
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    const diag = p.diagnostics.find((d) => d.code === 'kubernetes/missing-probes');
    assert.ok(diag, `missing-probes in ${codes(p.diagnostics).join(', ')}`);
    assert.match(message(diag), /no liveness or readiness probe/);
    const action = actionFor(await client.codeActions(uri, diag.range), /Add liveness and readiness probes/);
    assert.equal(action.kind, 'quickfix');
    assert.match(action.title, /changes behaviour/);
    const next = applyWorkspaceEdit(text, action.edit!, uri);
    reparses(next);
    assert.ok(next.includes('- containerPort: 8080 # uvicorn\n'), 'comments are kept');
    assert.ok(next.includes('# Publishing API: the web tier.\n'), 'comments are kept');
    assert.ok(
      next.includes(
        '            cpu: "2000m"\n' +
          '        startupProbe:\n          httpGet:\n            path: /health\n            port: 8080\n' +
          '          periodSeconds: 10\n          failureThreshold: 6\n' +
          '        livenessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n' +
          '          periodSeconds: 30\n' +
          '        readinessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n' +
          '          initialDelaySeconds: 5\n          periodSeconds: 10\n---\n',
      ),
      'both probes follow the resources, on port 8080',
    );
    text = next;
    await client.change(uri, ++version, text);
    const after = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!codes(after.diagnostics).includes('kubernetes/missing-probes'));
    assert.ok(!codes(after.diagnostics).includes('kubernetes/schema'));
  });

  it('follows kubernetes.version from .shipshape.yaml, saying when a version is not bundled', async () => {
    writeFileSync(join(dir, '.shipshape.yaml'), 'kubernetes:\n  version: "1.29"\n');
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, '.shipshape.yaml')).toString(), type: 1 }],
    });
    const p = await client.waitForDiagnostics(uri, (d) => d.some((x) => /1\.29/.test(message(x))));
    const note = p.diagnostics.find((d) => /not bundled/.test(message(d)));
    assert.ok(note);
    assert.equal(note.severity, 3);
  });

  it('leaves Helm templates and kustomization files alone', async () => {
    const helm = pathToFileURL(join(dir, 'deployment-template.yaml')).toString();
    await client.open(
      helm,
      'yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    );
    const h = await client.waitForDiagnostics(helm).catch(() => null);
    assert.deepEqual(h?.diagnostics ?? [], []);
    await client.close(helm);
  });
});
