import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Finding, Host } from '../server/src/core/rule';
import { applyFixGroups } from '../server/src/core/text';
import { Engine } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';

/**
 * "Ignore this finding" (fixes/suppress.ts): a `# shipshape-ignore <rule>` line where the file kind reads
 * it. Applying it makes that finding go away and changes nothing else: every finding of another rule stays,
 * one line lower below the comment.
 */

const noHost: Host = { exists: () => undefined };

function analyse(name: string, text: string, host: Host = noHost): Finding[] {
  const r = new Engine().analyze({ name, text }, defaultConfig(), { ...host, fileName: name });
  assert.ok(r);
  assert.deepEqual(r.internalErrors, []);
  return r.findings;
}

function key(f: Finding, shiftFrom = Infinity): string {
  const line = (l: number) => (l >= shiftFrom ? l + 1 : l);
  // Without the message: some name the line of another instruction, which the comment moves.
  return `${line(f.range.start.line)}:${f.range.start.character}-${line(f.range.end.line)}:${f.range.end.character} ${f.ruleId}`;
}

function ignore(
  name: string,
  text: string,
  f: Finding,
  host: Host = noHost,
): { text: string; line: number } | null {
  const [spec] = new Engine().ignoreFixes({ name, text }, [f], defaultConfig(), { ...host, fileName: name });
  if (!spec) return null;
  assert.equal(spec.kind, 'safe');
  assert.equal(spec.edits.length, 1);
  const line = spec.edits[0]?.range.start.line ?? -1;
  return { text: applyFixGroups(text, [spec.edits]).text, line };
}

/** Applies the ignore of one finding and checks what changed. */
function checkIgnore(name: string, text: string, f: Finding, host?: Host): string | null {
  const before = analyse(name, text, host);
  const done = ignore(name, text, f, host);
  if (!done) return null;
  const after = analyse(name, done.text, host).map((x) => key(x));
  assert.ok(!after.includes(key(f, done.line)), `${key(f)}: still reported after\n${done.text}`);
  const others = before.filter((x) => x.ruleId !== f.ruleId).map((x) => key(x, done.line));
  assert.deepEqual(
    after.filter((k) => !k.endsWith(` ${f.ruleId}`)),
    others,
    `${key(f)}: other findings unchanged`,
  );
  return done.text;
}

describe('ignore this finding: exact text', () => {
  const cases: { name: string; file: string; text: string; rule: string; line: number; output: string }[] = [
    {
      name: 'Dockerfile: above the instruction, continuation lines included, indentation kept',
      file: 'Dockerfile',
      text: 'FROM alpine:3.20\n  RUN apk add \\\n    curl\nCMD ["sh"]\n',
      rule: 'dockerfile/apk-no-cache',
      line: 1,
      output:
        'FROM alpine:3.20\n  # shipshape-ignore dockerfile/apk-no-cache\n  RUN apk add \\\n    curl\nCMD ["sh"]\n',
    },
    {
      name: 'Compose: above the key, CRLF kept',
      file: 'compose.yaml',
      text: 'services:\r\n  agent:\r\n    image: busybox:1.36\r\n    privileged: true\r\n',
      rule: 'compose/privileged',
      line: 3,
      output:
        'services:\r\n  agent:\r\n    image: busybox:1.36\r\n    # shipshape-ignore compose/privileged\r\n    privileged: true\r\n',
    },
    {
      name: 'Compose: a list item, above its dash',
      file: 'compose.yaml',
      text: 'services:\n  a:\n    image: x:1\n    cap_add:\n      - CHOWN\n      - SYS_ADMIN\n',
      rule: 'compose/dangerous-capability',
      line: 5,
      output:
        'services:\n  a:\n    image: x:1\n    cap_add:\n      - CHOWN\n      # shipshape-ignore compose/dangerous-capability\n      - SYS_ADMIN\n',
    },
    {
      name: 'Compose: inside a flow list, above the key that holds it',
      file: 'compose.yaml',
      text: 'services:\n  a:\n    image: x:1\n    security_opt: [label:disable]\n',
      rule: 'compose/security-opt-disabled',
      line: 3,
      output:
        'services:\n  a:\n    image: x:1\n    # shipshape-ignore compose/security-opt-disabled\n    security_opt: [label:disable]\n',
    },
    {
      name: 'Kubernetes: never inside a block scalar',
      file: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n      args:\n        - |\n          echo hi\n',
      rule: 'kubernetes/image-tag',
      line: 7,
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      # shipshape-ignore kubernetes/image-tag\n      image: nginx:latest\n      args:\n        - |\n          echo hi\n',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const f = analyse(c.file, c.text).find((x) => x.ruleId === c.rule && x.range.start.line === c.line);
      assert.ok(
        f,
        `${c.rule} at line ${c.line}: ${analyse(c.file, c.text)
          .map((x) => key(x))
          .join('\n')}`,
      );
      assert.equal(checkIgnore(c.file, c.text, f), c.output);
    });

  it('is not a fix: not in the finding’s fixes, and fix-all never applies it', () => {
    const text = 'services:\n  agent:\n    image: busybox:1.36\n    privileged: true\n';
    const f = analyse('compose.yaml', text).find((x) => x.ruleId === 'compose/privileged');
    assert.ok(f);
    assert.ok(f.fixes().every((x) => !x.title.startsWith('Ignore')));
    assert.ok(
      !fixAll(new Engine(), { name: 'compose.yaml', text }, defaultConfig(), noHost).text.includes(
        'shipshape-ignore',
      ),
    );
  });
});

const INPUTS: Record<string, string> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'manifests.yaml',
  compose: 'compose.yaml',
};

describe('ignore this finding: every finding of the golden files', () => {
  for (const [language, input] of Object.entries(INPUTS)) {
    const root = join('test/golden', language);
    for (const name of readdirSync(root).sort())
      it(`${language}/${name}`, () => {
        const dir = join(root, name);
        const siblings = readdirSync(dir);
        const host: Host = {
          exists: (p) => siblings.includes(p),
          read: (p) => (siblings.includes(p) ? readFileSync(join(dir, p), 'utf8') : undefined),
        };
        const text = readFileSync(join(dir, input), 'utf8');
        const findings = analyse(input, text, host);
        let offered = 0;
        for (const f of findings) if (checkIgnore(input, text, f, host) !== null) offered++;
        // JSON has no comments; elsewhere only findings outside any instruction or entry go without.
        if (text.trimStart().startsWith('{')) assert.equal(offered, 0);
        else assert.ok(offered >= findings.length - 2, `${offered} of ${findings.length} offered`);
      });
  }
});
