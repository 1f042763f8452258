/**
 * schemas/kubernetes-docs.json (the Kubernetes field descriptions for hover and completion) is generated
 * from the vendored schema by scripts/gen-schema-docs.mjs; this fails when it is stale.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { listedValues } from '../server/src/lsp/yaml-schema-docs';

describe('schema docs', () => {
  it('schemas/kubernetes-docs.json matches its generator', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schema-docs.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  const cases: { description: string; values: string[] }[] = [
    {
      description: 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always.',
      values: ['Always', 'Never', 'IfNotPresent'],
    },
    {
      description: "Restart policy. Options include: 'no', 'always', 'on-failure', and 'unless-stopped'.",
      values: ['no', 'always', 'on-failure', 'unless-stopped'],
    },
    {
      description: 'Type of service. Valid values are ClusterIP or NodePort.',
      values: ['ClusterIP', 'NodePort'],
    },
    { description: 'Name of the container.', values: [] },
  ];
  for (const c of cases)
    it(`values listed in: ${c.description}`, () => assert.deepEqual(listedValues(c.description), c.values));
});
