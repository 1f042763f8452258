import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { Engine, noFiles } from '../server/src/engine';
import { chooseVersion } from '../server/src/schema/kubernetes';

/**
 * Only the 1.32.2 schemas ship. What a newer Kubernetes may accept is never an error: with a newer
 * `kubernetes.version` unknown fields, kinds and API versions are warnings (and the version note is said
 * once per file); fields and API versions known to have been added after 1.32 are warnings naming the
 * release, and accepted outright when the configured version has them.
 */
const POD = (extra: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n${extra}  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n`;

function schemaFindings(text: string, version: string | null): string[] {
  const config = { ...defaultConfig(), kubernetesVersion: version };
  const r = new Engine().analyze({ name: 'm.yaml', text }, config, noFiles);
  assert.ok(r);
  return r.findings
    .filter((f) => f.ruleId === 'kubernetes/schema')
    .map((f) => `${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.message}`);
}

describe('Kubernetes versions newer than the bundled schemas', () => {
  const cases: [name: string, text: string, version: string | null, expected: string[]][] = [
    ['an unknown field on the default version is an error', POD('  brandNew: 1\n'), null, ['5:2 error Unknown field "brandNew" in spec: the API server rejects the object.']],
    ['an unknown field on 1.33 is a warning, with one note per file', POD('  brandNew: 1\n') + '---\n' + POD(''), '1.33', [
      '0:12 info Kubernetes 1.33 (kubernetes.version) is newer than the bundled 1.32.2 schemas: fields and kinds they do not know are reported as warnings, since 1.33 may have added them.',
      '5:2 warning Field "brandNew" in spec is not in the bundled 1.32.2 schemas: unless Kubernetes 1.33 added it, the API server rejects the object.',
    ]],
    ['an older version not bundled stays strict', POD('  brandNew: 1\n'), '1.29', [
      '0:12 info Kubernetes 1.29 (kubernetes.version) is not bundled: manifests are checked against the 1.32.2 schemas, the only version available.',
      '5:2 error Unknown field "brandNew" in spec: the API server rejects the object.',
    ]],
    ['a field added in 1.34, on the default version', POD('  hostnameOverride: api.example.com\n'), null, [
      '5:2 warning Field "hostnameOverride" in spec was added in Kubernetes 1.34: an API server older than that (1.32.2, the version checked) rejects it.',
    ]],
    ['a field added in 1.34, on v1.34.1', POD('  hostnameOverride: api.example.com\n'), 'v1.34.1', [
      '0:12 info Kubernetes v1.34.1 (kubernetes.version) is newer than the bundled 1.32.2 schemas: fields and kinds they do not know are reported as warnings, since v1.34.1 may have added them.',
    ]],
    ['an unknown kind of a built-in group on 1.35 is a warning', 'apiVersion: apps/v1\nkind: Workflow\nmetadata:\n  name: w\n', '1.35', [
      '0:12 info Kubernetes 1.35 (kubernetes.version) is newer than the bundled 1.32.2 schemas: fields and kinds they do not know are reported as warnings, since 1.35 may have added them.',
      '1:6 warning apps/v1 has no kind Workflow.',
    ]],
    ['kubectl get -o yaml of a 1.33 cluster: status.observedGeneration is a warning', POD('') + 'status:\n  observedGeneration: 1\n  phase: Running\n  conditions:\n  - type: Ready\n    status: "True"\n    observedGeneration: 1\n', null, [
      '9:2 warning Field "observedGeneration" in status was added in Kubernetes 1.33: an API server older than that (1.32.2, the version checked) rejects it.',
      '14:4 warning Field "observedGeneration" in status.conditions[0] was added in Kubernetes 1.33: an API server older than that (1.32.2, the version checked) rejects it.',
    ]],
  ]; // prettier-ignore
  for (const [name, text, version, expected] of cases)
    it(name, () => assert.deepEqual(schemaFindings(text, version), expected));

  it('chooses the bundled version and says whether the requested one is newer', () => {
    assert.deepEqual(chooseVersion(null), { version: '1.32.2', unavailable: null, newer: null });
    assert.deepEqual(chooseVersion('1.32'), { version: '1.32.2', unavailable: null, newer: null });
    assert.deepEqual(chooseVersion('v1.32.7'), { version: '1.32.2', unavailable: null, newer: null });
    assert.deepEqual(chooseVersion('1.33'), { version: '1.32.2', unavailable: '1.33', newer: [1, 33] });
    assert.deepEqual(chooseVersion('2.0'), { version: '1.32.2', unavailable: '2.0', newer: [2, 0] });
    assert.deepEqual(chooseVersion('1.28.4'), { version: '1.32.2', unavailable: '1.28.4', newer: null });
    assert.deepEqual(chooseVersion('latest'), { version: '1.32.2', unavailable: 'latest', newer: null });
  });
});
