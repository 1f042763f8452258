import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import missingHealthcheck from '../server/src/rules/compose/missing-healthcheck';
import resourceLimits from '../server/src/rules/compose/resource-limits';
import { runComposeRule } from './helpers/compose-tester';

/**
 * Rules about keys a service leaves out read the files Compose merges with the open one: a health check
 * or resource limits set in `compose.override.yaml`, or in a file `COMPOSE_FILE` lists, count.
 */
const code = 'services:\n  api:\n    image: nginx:1.27\n';

describe('Compose rules over the files Compose merges', () => {
  const cases: {
    name: string;
    read: Record<string, string>;
    files?: string[];
    healthcheck: number;
    limits: number;
  }[] = [
    { name: 'nothing beside the file', read: {}, healthcheck: 1, limits: 1 },
    {
      name: 'the override sets both',
      read: {
        'compose.override.yaml':
          'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n    deploy:\n      resources:\n        limits: { cpus: "1", memory: 512M }\n',
      },
      healthcheck: 0,
      limits: 0,
    },
    {
      name: 'a COMPOSE_FILE entry sets the health check only',
      read: {
        '.env': 'COMPOSE_FILE=compose.yaml:compose.health.yaml\n',
        'compose.health.yaml': 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n',
      },
      healthcheck: 0,
      limits: 1,
    },
    {
      name: 'an override that sets something else',
      read: { 'compose.override.yaml': 'services:\n  api:\n    ports: ["80:80"]\n' },
      healthcheck: 1,
      limits: 1,
    },
    {
      name: 'an override that exists but cannot be read',
      read: {},
      files: ['compose.override.yaml'],
      healthcheck: 0,
      limits: 0,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const host = { code, read: c.read, files: c.files ?? [] };
      assert.deepEqual(
        [
          runComposeRule(missingHealthcheck, code, host).length,
          runComposeRule(resourceLimits, code, host).length,
        ],
        [c.healthcheck, c.limits],
      );
    });
});
