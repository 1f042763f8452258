import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DepChecker } from '../server/src/cli/deps';
import { FileStates } from '../server/src/cli/file-state';

/**
 * The cache stores dependency lists as numbered questions: a checker made from saved questions must
 * number them as they were saved, or every stored list would ask something else.
 */
describe('DepChecker question numbers', () => {
  const checker = (keys: string[] = []) => new DepChecker(new FileStates(undefined), undefined, keys);

  it('numbers a question about ../x after the one about x, and keeps saved numbers', () => {
    const c = checker();
    assert.equal(c.question('read', '../../kustomization.yaml'), 1);
    assert.equal(c.question('read', 'kustomization.yaml'), 0);
    assert.equal(c.question('exists', '.env'), 2);
    assert.equal(c.question('read', '../.env'), 4);
    const keys = c.questionKeys();
    assert.deepEqual(keys, [
      'read\0kustomization.yaml',
      'read\0../../kustomization.yaml',
      'exists\0.env',
      'read\0.env',
      'read\0../.env',
    ]);
    assert.equal(DepChecker.canLoad(keys), true);
    assert.deepEqual(checker(keys).questionKeys(), keys);
  });

  const unloadable: [string, string[]][] = [
    ['a question about ../x before the one about x', ['read\0../x', 'read\0x']],
    ['a question twice', ['read\0x', 'read\0x']],
  ];
  for (const [what, keys] of unloadable)
    it(`does not load ${what}`, () => {
      assert.equal(DepChecker.canLoad(keys), false);
      assert.notDeepEqual(checker(keys).questionKeys(), keys);
    });
});
