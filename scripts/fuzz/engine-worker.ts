// The engine side of the fuzz harness, in a child process so that a hang can be ended by the parent.
import { performance } from 'node:perf_hooks';
import { Engine } from '../../server/src/engine';
import { checkEngine } from './engine-check';

const engine = new Engine();
process.on('message', (m: { index: number; name: string; base: string; text: string }) => {
  const t0 = performance.now();
  const issues = checkEngine(engine, m.name, m.base, m.text);
  process.send?.({ index: m.index, ms: performance.now() - t0, issues });
});
