import type { Level } from './config';
import type { Language, RuleMeta } from './rule';

/**
 * Presets decide which advice a file gets when the configuration names no level for a rule:
 *
 * - `minimal`: only what the real tool rejects (`docker build`, `docker compose`, `kubectl apply` fail):
 *   findings at error severity.
 * - `recommended` (the default): the recommended rules, at their own severity; advice a senior engineer
 *   acts on in any project, development files included.
 * - `strict`: every rule, hardening included, for production files and CI gates.
 *
 * `rules:` in `.shipshape.yaml` and the `shipshape.rules` setting still win over the preset.
 */
export type Preset = 'minimal' | 'recommended' | 'strict';
export const PRESETS: readonly Preset[] = ['minimal', 'recommended', 'strict'];
export const DEFAULT_PRESET: Preset = 'recommended';

export function isPreset(v: unknown): v is Preset {
  return typeof v === 'string' && (PRESETS as readonly string[]).includes(v);
}

/** What a preset does with a rule: a level, or `errors` (the rule runs; only its error findings are kept). */
export type PresetLevel = Level | 'errors';

/**
 * The exceptions to the rule of thumb above (recommended rules in `recommended`, all in `strict`, errors
 * in `minimal`), in one place. Each line says why.
 */
export const PRESET_TABLE: Readonly<Record<`${Language}/${string}`, Partial<Record<Preset, PresetLevel>>>> = {
  // One grouped finding per service replaces cap-drop-all, no-new-privileges and read-only-root in
  // `recommended`; `strict` reports each gap on its own instead, so the same gap is never said twice.
  'compose/harden-service': { strict: 'off' },
  // Opt-in: a reverse proxy or a public service is meant to listen on every interface.
  'compose/port-all-interfaces': { strict: 'off' },
  // Limits are sized for production hosts; on a development stack nobody sets them, and every service
  // of the awesome-compose samples drew this finding.
  'compose/resource-limits': { recommended: 'off' },
  // A health check matters where something waits for it (`compose/wait-for-healthy` says so as a
  // warning); elsewhere in a development file it is a quiet hint.
  'compose/missing-healthcheck': { recommended: 'hint' },
};

/** The level a preset gives a rule; undefined keeps the rule's own severity. */
export function presetLevel(
  preset: Preset,
  rule: Pick<RuleMeta, 'id' | 'recommended'>,
): PresetLevel | undefined {
  const own = PRESET_TABLE[rule.id as `${Language}/${string}`]?.[preset];
  if (own) return own;
  if (preset === 'minimal') return 'errors';
  if (preset === 'recommended') return rule.recommended ? undefined : 'off';
  return undefined;
}
