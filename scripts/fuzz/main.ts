// `npm run fuzz -- [--inputs N] [--lsp-inputs N] [--seed S] [--kind K] [--only I] [--budget MS] [--hang MS]`
// Mutates the golden files and the examples and checks that nothing breaks; see scripts/fuzz/run.ts.
import { describeFailures, runFuzz } from './run';
import { KINDS, type Kind } from './samples';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
};
const num = (name: string, fallback: number): number => {
  const v = opt(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, not ${v}`);
  return n;
};

const inputs = num('inputs', 2000);
const kind = opt('kind');
if (kind !== undefined && !(KINDS as readonly string[]).includes(kind))
  throw new Error(`unknown --kind ${kind}`);
const seed = opt('seed') ?? '1';
const only = opt('only') === undefined ? undefined : num('only', 0);
async function main(): Promise<void> {
  const t0 = Date.now();
  const reports = await runFuzz({
    root: process.cwd(),
    seed,
    inputs,
    lspInputs: num('lsp-inputs', Math.ceil(inputs / 4)),
    kinds: kind ? [kind as Kind] : KINDS,
    only,
    budgetMs: num('budget', 5000),
    hangMs: num('hang', 20000),
    outDir: 'test-results/fuzz',
    log: (l) => console.log(l),
  });
  const failures = reports.reduce((n, r) => n + r.failures.length, 0);
  console.log(
    `fuzz: seed ${seed}, ${Math.round((Date.now() - t0) / 1000)} s, ${failures} failure${failures === 1 ? '' : 's'}`,
  );
  if (failures) {
    console.log(describeFailures(reports));
    process.exitCode = 1;
  }
}

void main();
