import type { Range } from '../../core/text';
import type { DInstruction } from './model';
import type { SyntaxError } from './syntax';

/**
 * Builder errors that need the whole file, checked on the model because the validator sees one chunk at
 * a time (a chunk after the first has no FROM and none of the global ARGs). Each matches a failure of
 * BuildKit's frontend/dockerfile: instructions.Parse (a command before any stage), dockerfile2llb's
 * "dockerfile contains no stages to build" and "base name (…) should not be blank", parseBuildStageName,
 * and dispatchStopSignal (checked here because dockerfile-utils' check disagrees with BuildKit). Messages are the ones dockerfile-utils uses, so nothing changes for users.
 */

/** BuildKit's `^[a-z][a-z0-9-_.]*$`, applied to the lower-cased name. Linear: one class, one star. */
export const VALID_STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

/** Arguments BuildKit defines in the global scope without an ARG (dockerfile-utils' list). */
const PREDEFINED = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]); // prettier-ignore

const NO_SOURCE_IMAGE = 'No source image provided with `FROM`';

/** Signal names moby/sys/signal knows on Linux (and macOS), without the optional SIG prefix. */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'EMT', 'FPE', 'HUP', 'ILL', 'INFO', 'INT', 'IO', 'IOT', 'KILL',
  'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU',
  'UNUSED', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]); // prettier-ignore

/**
 * dispatchStopSignal's ParseSignal: a non-zero number, or a name with or without SIG in any case. A value
 * with a variable is checked after expansion, which we leave alone.
 */
function badSignal(ins: DInstruction): SyntaxError | null {
  const arg = ins.args.length === 1 ? ins.args[0] : undefined;
  if (!arg || arg.value.includes('$')) return null;
  const v = arg.value;
  if (/^[+-]?\d+$/.test(v) ? Number(v) !== 0 : SIGNALS.has(v.toUpperCase().replace(/^SIG/, ''))) return null;
  return { message: `Invalid signal: ${v}`, range: arg.range };
}

export function builderErrors(instructions: DInstruction[], start: Range): SyntaxError[] {
  const out: SyntaxError[] = [];
  const first = instructions.find((i) => i.keyword !== 'ARG');
  if (!first) out.push({ message: NO_SOURCE_IMAGE, range: start });
  else if (first.keyword !== 'FROM') out.push({ message: NO_SOURCE_IMAGE, range: first.keywordRange });
  const declared = new Set<string>();
  let global = true;
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && global) for (const p of ins.properties) declared.add(p.name);
    const signal = ins.keyword === 'STOPSIGNAL' ? badSignal(ins) : null;
    if (signal) out.push(signal);
    if (ins.keyword !== 'FROM') continue;
    global = false;
    const base = ins.args[0];
    const blank = base && blankVariable(base.value, declared);
    if (base && blank) out.push({ message: `base name (${blank}) should not be blank`, range: base.range });
    const name = stageName(ins);
    if (name && !VALID_STAGE_NAME.test(name.value.toLowerCase()))
      out.push({
        message: `invalid name for build stage: "${name.value}", name can't start with a number or contain symbols`,
        range: name.range,
      });
  }
  return out;
}

/**
 * A base name that is one variable nobody declared (`FROM ${BASE}` without `ARG BASE`) expands to nothing.
 * A declared ARG without a default may still get a value from `--build-arg`, and `${BASE:-alpine}` has one.
 */
function blankVariable(value: string, declared: Set<string>): string | null {
  const m = /^\$(?:\{([A-Za-z_]\w*)(?::?([-+?])([^}]*))?\}|([A-Za-z_]\w*))$/.exec(value);
  if (!m) return null;
  const name = (m[1] ?? m[4]) as string;
  if (declared.has(name) || PREDEFINED.has(name)) return null;
  if (m[2] === '-' && m[3]) return null;
  if (m[2] === '?') return null;
  return value;
}

/** The three-argument form only: with two or four arguments the validator reports the argument count. */
function stageName(from: DInstruction): DInstruction['args'][number] | undefined {
  return from.args.length === 3 && from.args[1]?.value.toUpperCase() === 'AS' ? from.args[2] : undefined;
}
