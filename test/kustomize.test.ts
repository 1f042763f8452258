import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { detectLanguage } from '../server/src/languages/detect';
import { isListedPatch, listedPatches } from '../server/src/languages/kubernetes';

/**
 * Kustomize patches are partial objects: no required-field, unknown-directive or missing-thing findings
 * on them, only checks of what they write. A file is a patch when it uses strategic-merge directives or
 * when a kustomization in its directory or one above lists it under patches, patchesStrategicMerge or
 * patchesJson6902.
 */

/** A host over a little tree of files given by paths relative to the document's directory. */
function treeHost(files: Record<string, string>): Host {
  return { exists: (p) => p in files, read: (p) => files[p] };
}

function findings(name: string, text: string, host: Host): string[] {
  const r = new Engine().analyze({ name, text }, defaultConfig(), host);
  assert.ok(r, 'analysed as a Kubernetes manifest');
  return r.findings.map(
    (f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`,
  );
}

const ids = (list: string[]): string[] => list.map((f) => f.split(' ')[1] as string);

const DELETE_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
$patch: delete
`;

const REPLICAS_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: nginx:latest
        resourcez: {}
`;

const KUSTOMIZATION = (field: string, entry: string): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\n${field}:\n${entry}\n`;

describe('kustomize patches', () => {
  it('a `$patch: delete` document draws no finding, without any kustomization around it', () => {
    assert.deepEqual(findings('/repo/overlays/prod/delete.yaml', DELETE_PATCH, treeHost({})), []);
  });

  it('directives inside lists (`$patch: delete` on a container, `$setElementOrder/…`) are not unknown fields', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      $setElementOrder/containers:
      - name: web
      containers:
      - name: sidecar
        $patch: delete
      - name: web
        $retainKeys: [image]
        image: nginx:1.27
        $deleteFromPrimitiveList/args: ["--debug"]
`;
    assert.deepEqual(findings('/repo/patch.yaml', text, treeHost({})), []);
  });

  const listed: [name: string, path: string, tree: Record<string, string>][] = [
    ['patches: - path: (same directory)', '/r/overlays/prod/replicas.yaml', { 'kustomization.yaml': KUSTOMIZATION('patches', '- path: replicas.yaml') }],
    ['patches: - path: with a target', '/r/overlays/prod/replicas.yaml', { 'kustomization.yml': KUSTOMIZATION('patches', '- path: ./replicas.yaml\n  target:\n    kind: Deployment') }],
    ['patchesStrategicMerge: - x.yaml', '/r/overlays/prod/replicas.yaml', { Kustomization: KUSTOMIZATION('patchesStrategicMerge', '- replicas.yaml') }],
    ['patchesJson6902 with target and path', '/r/overlays/prod/replicas.yaml', { 'kustomization.yaml': KUSTOMIZATION('patchesJson6902', '- target:\n    kind: Deployment\n    name: web\n  path: replicas.yaml') }],
    ['a kustomization one level up', '/r/overlays/prod/patches/replicas.yaml', { '../kustomization.yaml': KUSTOMIZATION('patches', '- path: patches/replicas.yaml') }],
    ['a kustomization two levels up, with ..', '/r/overlays/prod/patches/replicas.yaml', { '../../kustomization.yaml': KUSTOMIZATION('patches', '- path: prod/x/../patches/replicas.yaml') }],
    ['Windows separators', 'C:\\r\\overlays\\prod\\patches\\replicas.yaml', { '../kustomization.yaml': KUSTOMIZATION('patches', '- path: patches/replicas.yaml') }],
  ]; // prettier-ignore
  for (const [name, path, tree] of listed)
    it(`a patch listed by ${name} is checked only for what it writes`, () => {
      assert.equal(isListedPatch(path, treeHost(tree)), true);
      assert.deepEqual(ids(findings(path, REPLICAS_PATCH, treeHost(tree))), [
        'kubernetes/image-tag',
        'kubernetes/schema',
      ]);
      assert.match(findings(path, REPLICAS_PATCH, treeHost(tree))[1] ?? '', /Unknown field "resourcez"/);
    });

  const notListed: [name: string, path: string, tree: Record<string, string>][] = [
    ['a resource of the kustomization', '/r/base/deploy.yaml', { 'kustomization.yaml': KUSTOMIZATION('resources', '- replicas.yaml') }],
    ['a patch of another name', '/r/overlays/prod/deploy.yaml', { 'kustomization.yaml': KUSTOMIZATION('patches', '- path: replicas.yaml') }],
    ['a patch path into another directory', '/r/overlays/prod/replicas.yaml', { '../kustomization.yaml': KUSTOMIZATION('patches', '- path: replicas.yaml') }],
    ['an inline patch', '/r/overlays/prod/replicas.yaml', { 'kustomization.yaml': KUSTOMIZATION('patches', '- patch: |-\n    - op: remove\n      path: /spec/replicas') }],
    ['a kustomization that is not YAML', '/r/overlays/prod/replicas.yaml', { 'kustomization.yaml': 'patches: [' }],
    ['no kustomization at all', '/r/overlays/prod/replicas.yaml', {}],
  ]; // prettier-ignore
  for (const [name, path, tree] of notListed)
    it(`${name}: a whole object, missing fields are reported`, () => {
      assert.notEqual(isListedPatch(path, treeHost(tree)), true);
      const found = findings(path, REPLICAS_PATCH, treeHost(tree));
      assert.ok(
        found.some((f) => f.includes('missing the required field "selector"')),
        found.join('\n'),
      );
      assert.ok(ids(found).includes('kubernetes/missing-probes'));
    });

  it('without a file system (an unsaved document) the file is whole', () => {
    assert.equal(isListedPatch('Untitled-1', { exists: () => undefined }), undefined);
  });

  it('lists the paths of all three patch fields, and no inline patch', () => {
    const text =
      'patches:\n- path: a.yaml\n- patch: "x"\n- b.yaml\npatchesStrategicMerge:\n- c.yaml\n- |-\n  apiVersion: v1\n' +
      'patchesJson6902:\n- path: d.json\n  target: {kind: Deployment}\nresources:\n- e.yaml\n';
    assert.deepEqual(listedPatches(text), ['a.yaml', 'b.yaml', 'c.yaml', 'd.json']);
  });

  it('a patch of a Job, an Ingress and a Service draws no finding about what the base holds', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers:
      - name: migrate
        image: app:1.2
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: example.com
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web-v2
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  maxReplicas: 20
`;
    const tree = { 'kustomization.yaml': KUSTOMIZATION('patchesStrategicMerge', '- patch.yaml') };
    assert.deepEqual(findings('/r/o/patch.yaml', text, treeHost(tree)), []);
  });
});

describe('kustomize files are not manifests', () => {
  const cases: [name: string, text: string][] = [
    ['kustomization.yaml', KUSTOMIZATION('patches', '- path: x.yaml')],
    ['Kustomization', KUSTOMIZATION('patches', '- path: x.yaml')],
    [
      'component.yaml',
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: x.yaml\n',
    ],
    ['other-name.yaml', KUSTOMIZATION('resources', '- a.yaml')],
  ];
  for (const [name, text] of cases)
    it(name, () => {
      assert.equal(detectLanguage(name, undefined, text), null);
      assert.equal(detectLanguage(name, 'yaml', text), null);
    });
});
