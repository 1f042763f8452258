import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Scalar } from 'yaml';
import { isPodSecurityLevel, POD_SECURITY_LEVELS } from './config';
import type { RuleMeta } from './rule';
import { TextDoc, type Range } from './text';

/** The configuration files Shipshape reads, by file name. */
export type ConfigKind = 'shipshape' | 'hadolint';

export function configKind(fileName: string): ConfigKind | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base === '.shipshape.yaml' || base === '.shipshape.yml') return 'shipshape';
  if (base === '.hadolint.yaml' || base === '.hadolint.yml') return 'hadolint';
  return null;
}

/** A mistake in a configuration file, at the key or value the user wrote. */
export interface ConfigProblem {
  code: 'config/yaml' | 'config/unknown-key' | 'config/unknown-rule' | 'config/invalid-value';
  range: Range;
  message: string;
  /** The text that should replace `range`, when one is clearly meant ("did you mean"). */
  replacement?: string;
}

export const LEVELS = ['off', 'hint', 'info', 'warning', 'error'] as const;
const SHIPSHAPE_KEYS = ['rules', 'kubernetes', 'ignore', 'onlyRecommended'];
const HADOLINT_LEVELS = ['error', 'warning', 'info', 'style'];
/** The keys hadolint reads (`FromYAML PartialConfiguration` in hadolint's Configuration.hs); it skips others. */
const HADOLINT_KEYS = [
  'ignored',
  'override',
  'trustedRegistries',
  'failure-threshold',
  'format',
  'label-schema',
  'strict-labels',
  'disable-ignore-pragma',
  'no-fail',
  'no-color',
  'verbose',
];
/** Words users write for a level, from other linters' configuration formats. */
const LEVEL_SYNONYMS: Record<string, string> = {
  warn: 'warning',
  err: 'error',
  information: 'info',
  note: 'info',
  style: 'hint',
  false: 'off',
  none: 'off',
  disable: 'off',
  disabled: 'off',
  ignore: 'off',
};
// hadolint's own codes (DL) and the ShellCheck codes it passes through (SC); ones we do not implement are fine.
const HADOLINT_CODE = /^(?:DL|SC)\d{4}$/;

/**
 * Levenshtein distance, or `max + 1` once it is known to exceed `max`. Only the band of cells within `max` of
 * the diagonal is computed: a config file with a few dozen mistakes is checked at every keystroke.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  let prev = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(over);
    if (i <= max) cur[0] = i;
    let best = cur[0] ?? over;
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      const v = Math.min(
        (prev[j] ?? over) + 1,
        (cur[j - 1] ?? over) + 1,
        (prev[j - 1] ?? over) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur[j] = Math.min(v, over);
      best = Math.min(best, v);
    }
    if (best > max) return over;
    prev = cur;
  }
  return Math.min(prev[b.length] ?? over, over);
}

/** The candidate a mistyped word most likely meant, or undefined when none is close enough to guess. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  // A rule id without its language (`no-latest-tag`) or an alias without its tool (`DL3007`).
  const tails = candidates.filter((c) => c.toLowerCase().endsWith('/' + lower) || c.endsWith(':' + word));
  if (tails.length === 1) return tails[0];
  // A word cut short (`warn`), when only one candidate starts with it.
  const heads = lower.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(lower)) : [];
  if (heads.length === 1) return heads[0];
  const max = Math.max(1, Math.min(3, Math.floor(word.length / 4)));
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), bestD);
    if (d < bestD) [best, bestD, tie] = [c, d, false];
    else if (d === bestD && best !== undefined) tie = true;
  }
  // Two candidates as close as each other: a guess would be wrong half the time.
  return tie ? undefined : best;
}

function didYouMean(s: string | undefined): string {
  return s === undefined ? '' : ` Did you mean \`${s}\`?`;
}

/**
 * Checks a `.shipshape.yaml` or `.hadolint.yaml` against what Shipshape reads from it: unknown keys, rule ids
 * and aliases no rule answers to, levels that do not exist. Pure: the rule catalog is passed in.
 */
export function checkConfigText(
  text: string,
  kind: ConfigKind,
  rules: readonly Pick<RuleMeta, 'id' | 'aliases'>[],
): ConfigProblem[] {
  const doc = new TextDoc(text);
  const out: ConfigProblem[] = [];
  const at = (start: number, end: number): Range => ({
    start: doc.positionAt(start),
    end: doc.positionAt(Math.max(start, end)),
  });
  const parsed = parseDocument(text);
  for (const e of parsed.errors)
    out.push({ code: 'config/yaml', range: at(e.pos[0], e.pos[1]), message: e.message.split('\n')[0] ?? '' });
  if (parsed.errors.length > 0) return out;
  const top = parsed.contents;
  if (top === null || (isScalar(top) && (top.value === null || top.value === undefined))) return out;
  if (!isMap(top)) {
    const r = top.range ?? [0, 0];
    out.push({ code: 'config/yaml', range: at(r[0], r[1]), message: 'Expected a mapping at the top.' });
    return out;
  }
  /** The range of a scalar's text, inside its quotes, so that a replacement keeps the quoting. */
  const inner = (n: Node): Range => {
    const [s, e] = n.range ?? [0, 0];
    const quoted = isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE');
    return quoted ? at(s + 1, e - 1) : at(s, e);
  };
  const entries = (n: unknown): { key: Scalar; value: unknown }[] =>
    isMap(n)
      ? n.items.flatMap((p) =>
          isPair(p) && isScalar(p.key) && p.key.value !== '<<'
            ? [{ key: p.key as Scalar, value: p.value }]
            : [],
        )
      : [];
  /** A guess for a key, unless the map already has that key: the fix would repeat it. */
  const guessKey = (key: Scalar, candidates: readonly string[], map: unknown): string | undefined => {
    const s = closest(String(key.value), candidates);
    return s !== undefined && entries(map).some((e) => e.key.value === s) ? undefined : s;
  };
  const reader = kind === 'shipshape' ? 'Shipshape reads' : 'hadolint and Shipshape read';
  const unknownKey = (key: Scalar, where: string, known: readonly string[], map: unknown): void => {
    const s = guessKey(key, known, map);
    out.push({
      code: 'config/unknown-key',
      range: inner(key),
      message: `Unknown key \`${String(key.value)}\`${where}: ${reader} ${known.map((k) => `\`${k}\``).join(', ')}.${didYouMean(s)}`,
      replacement: s,
    });
  };
  // A key with nothing after it (its entries commented out) is read as empty, by hadolint as by Shipshape.
  const empty = (n: unknown): boolean => n === null || n === undefined || (isScalar(n) && n.value === null);
  const invalid = (n: unknown, message: string, replacement?: string): void => {
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) return;
    out.push({ code: 'config/invalid-value', range: inner(n), message, replacement });
  };

  if (kind === 'shipshape') {
    const ids = rules.map((r) => r.id);
    const known = new Set([...ids, ...rules.flatMap((r) => r.aliases)]);
    const candidates = [...known];
    for (const { key, value } of entries(top)) {
      const name = String(key.value);
      if (!SHIPSHAPE_KEYS.includes(name)) unknownKey(key, '', SHIPSHAPE_KEYS, top);
      else if (name === 'rules') {
        if (!isMap(value) && !empty(value))
          invalid(value, '`rules` must be a mapping of rule ids to levels.');
        for (const r of entries(value)) {
          const id = String(r.key.value);
          if (!known.has(id)) {
            const s = guessKey(r.key, candidates, value);
            out.push({
              code: 'config/unknown-rule',
              range: inner(r.key),
              message: `No Shipshape rule has the id or alias \`${id}\`, so this line has no effect.${didYouMean(s)}`,
              replacement: s,
            });
          }
          const level = isScalar(r.value) ? String(r.value.value) : '';
          if (!(LEVELS as readonly string[]).includes(level)) {
            const s = LEVEL_SYNONYMS[level.toLowerCase()] ?? closest(level, LEVELS);
            invalid(r.value, `\`${level}\` is not a level: use ${LEVELS.join(', ')}.${didYouMean(s)}`, s);
          }
        }
      } else if (name === 'kubernetes') {
        if (!isMap(value) && !empty(value))
          invalid(value, '`kubernetes` must be a mapping, for example `version: "1.30"`.');
        for (const k of entries(value)) {
          if (k.key.value === 'podSecurity') {
            const v = isScalar(k.value) ? k.value.value : undefined;
            if (!isPodSecurityLevel(v))
              invalid(k.value ?? k.key, `\`podSecurity\` must be one of ${POD_SECURITY_LEVELS.join(', ')}.`);
          } else if (k.key.value !== 'version')
            unknownKey(k.key, ' under `kubernetes`', ['version', 'podSecurity'], value);
          else if (isScalar(k.value)) {
            const source = text.slice(k.value.range?.[0] ?? 0, k.value.range?.[1] ?? 0);
            if (typeof k.value.value !== 'string')
              // YAML reads `1.30` as the number 1.3: only a string keeps the version the user wrote.
              invalid(
                k.value,
                `Quote the version (\`"${source}"\`): unquoted, YAML reads it as a number.`,
                `"${source}"`,
              );
            else if (!/^v?\d+\.\d+/.test(k.value.value))
              invalid(k.value, `\`${k.value.value}\` is not a Kubernetes version such as "1.30".`);
          }
        }
      } else if (name === 'ignore') {
        if (!isSeq(value)) {
          if (!empty(value)) invalid(value, '`ignore` must be a list of globs.');
        } else
          for (const g of value.items)
            if (!isScalar(g) || typeof g.value !== 'string')
              invalid(g, 'An `ignore` entry must be a glob string.');
      } else if (name === 'onlyRecommended' && !(isScalar(value) && typeof value.value === 'boolean'))
        invalid(value, '`onlyRecommended` must be true or false.');
    }
    return out;
  }

  const codes = rules.flatMap((r) =>
    r.aliases.filter((a) => a.startsWith('hadolint:')).map((a) => a.slice(9)),
  );
  const checkCodes = (list: unknown, where: string): void => {
    if (empty(list)) return;
    if (!isSeq(list)) return invalid(list, `\`${where}\` must be a list of rule codes such as DL3008.`);
    for (const c of list.items) {
      const code = isScalar(c) ? String(c.value) : '';
      if (HADOLINT_CODE.test(code)) continue;
      const s = HADOLINT_CODE.test(code.toUpperCase()) ? code.toUpperCase() : closest(code, codes);
      invalid(
        c,
        `\`${code}\` is not a hadolint rule code (DL followed by four digits, or SC for ShellCheck).${didYouMean(s)}`,
        s,
      );
    }
  };
  for (const { key, value } of entries(top)) {
    if (!HADOLINT_KEYS.includes(String(key.value))) unknownKey(key, '', HADOLINT_KEYS, top);
    else if (key.value === 'ignored') checkCodes(value, 'ignored');
    else if (key.value === 'override')
      for (const o of entries(value)) {
        if (HADOLINT_LEVELS.includes(String(o.key.value)))
          checkCodes(o.value, `override.${String(o.key.value)}`);
        else unknownKey(o.key, ' under `override`', HADOLINT_LEVELS, value);
      }
  }
  return out;
}
