import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/depends-on-cycle';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n    depends_on: [c]\n  c:\n    image: x:1\n',
    {
      name: 'diamond',
      code: 'services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n  b:\n    image: x:1\n    depends_on: [d]\n  c:\n    image: x:1\n    depends_on: [d]\n  d:\n    image: x:1\n',
    },
    {
      name: 'undefined dependencies are another rule',
      code: 'services:\n  a:\n    image: x:1\n    depends_on: [ghost]\n',
    },
  ],
  invalid: [
    {
      name: 'two services',
      code: `
services:
  api:
    image: nginx:1.27
    depends_on:
      - worker
  worker:
    image: busybox:1.36
    depends_on:
      - api
        ~~~
`,
      messages: ['`api` → `worker` → `api`'],
      output: null,
    },
    {
      name: 'itself',
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      api:\n        condition: service_started\n',
      ranges: ['4:6-4:9'],
      messageIds: ['self'],
    },
    {
      name: 'through links and volumes_from, reported once',
      code: `
services:
  a:
    image: x:1
    links: [b]
  b:
    image: x:1
    volumes_from: [c]
  c:
    image: x:1
    depends_on: [a]
                 ~
`,
    },
  ],
});

describe('compose/depends-on-cycle on a long chain', () => {
  it('follows 10,000 services without overflowing the stack and finds the cycle that closes it', () => {
    const n = 10000;
    const lines = ['services:'];
    for (let i = 0; i < n; i++)
      lines.push(`  s${i}:`, '    image: busybox:1.36', `    depends_on: [s${(i + 1) % n}]`);
    const found = runComposeRule(rule, lines.join('\n') + '\n', { code: '' });
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /^Dependency cycle `s0` → `s1` → .* → `s9999` → `s0`/);
  });
});

describe('compose/depends-on-cycle through a service behind a profile', () => {
  it('is a warning: Compose checks the service only when its profile is enabled', () => {
    const code =
      'services:\n  api:\n    image: nginx:1.27\n    depends_on: [debug]\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n    depends_on: [api]\n';
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => f.severity),
      ['warning'],
    );
  });
});
