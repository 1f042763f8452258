import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

/** What the CLI prints: per-finding aliases in JSON and SARIF, configuration mistakes on stderr. */
const CLI = join(process.cwd(), 'server/out/cli.js');

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Two containers: one lacks only a liveness probe, the other only a readiness probe. */
const PROBES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
          ports: [{ containerPort: 80 }]
          readinessProbe: { httpGet: { path: /, port: 80 } }
        - name: sidecar
          image: envoyproxy/envoy:v1.31.0
          ports: [{ containerPort: 9901 }]
          livenessProbe: { httpGet: { path: /ready, port: 9901 } }
`;

describe('shipshape CLI output', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-output-'));
    writeFileSync(join(dir, 'deploy.yaml'), PROBES);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\nCMD node server.js\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const probes = [
    {
      line: 14,
      aliases: ['kube-linter:no-liveness-probe', 'polaris:livenessProbeMissing', 'checkov:CKV_K8S_8'],
    },
    {
      line: 18,
      aliases: ['kube-linter:no-readiness-probe', 'polaris:readinessProbeMissing', 'checkov:CKV_K8S_9'],
    },
  ];

  it('JSON gives each finding the aliases of that very finding, not all of its rule', () => {
    const r = run(['lint', '--format', 'json', 'deploy.yaml'], dir);
    assert.equal(r.code, 0, r.err);
    const found = (JSON.parse(r.out) as { ruleId: string; line: number; aliases: string[] }[])
      .filter((f) => f.ruleId === 'kubernetes/missing-probes')
      .map((f) => ({ line: f.line, aliases: f.aliases }));
    assert.deepEqual(found, probes);
  });

  it('SARIF carries them in properties.aliases', () => {
    const r = run(['lint', '--format', 'sarif', 'deploy.yaml'], dir);
    const results = (
      JSON.parse(r.out) as {
        runs: {
          results: {
            ruleId: string;
            properties: { aliases: string[] };
            locations: { physicalLocation: { region: { startLine: number } } }[];
          }[];
        }[];
      }
    ).runs[0]?.results.filter((x) => x.ruleId === 'kubernetes/missing-probes');
    assert.deepEqual(
      results?.map((x) => ({
        line: x.locations[0]?.physicalLocation.region.startLine,
        aliases: x.properties.aliases,
      })),
      probes,
    );
  });

  it('a finding without per-finding aliases answers to all of its rule', () => {
    const r = run(['lint', '--format', 'json', 'Dockerfile'], dir);
    const cmd = (JSON.parse(r.out) as { ruleId: string; aliases: string[] }[]).find(
      (f) => f.ruleId === 'dockerfile/json-args',
    );
    assert.deepEqual(cmd?.aliases, ['hadolint:DL3025', 'buildkit:JSONArgsRecommended']);
  });

  it('configuration mistakes go to stderr once, at file:line:column; stdout and exit code stay as they were', () => {
    const sub = mkdtempSync(join(dir, 'configured-'));
    writeFileSync(join(sub, 'Dockerfile'), 'FROM node:latest\nCMD node server.js\n');
    writeFileSync(join(sub, 'Dockerfile.dev'), 'FROM node:latest\nCMD node server.js\n');
    writeFileSync(join(sub, '.shipshape.yaml'), 'rules:\n  dockerfile/no-latest-tags: off\n');
    writeFileSync(join(sub, '.hadolint.yaml'), 'ignored:\n  - dl3025\n');
    const r = run(['lint', '--format', 'json', '.'], sub);
    assert.equal(r.code, 0);
    assert.equal(
      r.err,
      'shipshape: .hadolint.yaml:2:5: `dl3025` is not a hadolint rule code (DL followed by four digits, or SC for ShellCheck). Did you mean `DL3025`?\n' +
        'shipshape: .shipshape.yaml:2:3: No Shipshape rule has the id or alias `dockerfile/no-latest-tags`, so this line has no effect. Did you mean `dockerfile/no-latest-tag`?\n',
    );
    const findings = JSON.parse(r.out) as { file: string; ruleId: string }[];
    // Neither mistaken line applied: the findings they meant to silence are still there, in both files.
    assert.deepEqual(
      findings
        .filter((f) => f.ruleId === 'dockerfile/no-latest-tag' || f.ruleId === 'dockerfile/json-args')
        .map((f) => `${f.file} ${f.ruleId}`),
      [
        'Dockerfile dockerfile/no-latest-tag',
        'Dockerfile dockerfile/json-args',
        'Dockerfile.dev dockerfile/no-latest-tag',
        'Dockerfile.dev dockerfile/json-args',
      ],
    );
  });
});
