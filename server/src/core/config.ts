import { parse as parseYaml } from 'yaml';
import picomatch from 'picomatch';
import { isPreset, PRESETS, type Preset } from './presets';
import { SEVERITIES, type Severity } from './rule';

export type Level = Severity | 'off';

/** A Pod Security Standards level to hold pod specs to (`kubernetes.podSecurity`). */
export type PodSecurityLevel = 'off' | 'baseline' | 'restricted';
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['off', 'baseline', 'restricted'];

export function isPodSecurityLevel(v: unknown): v is PodSecurityLevel {
  return typeof v === 'string' && (POD_SECURITY_LEVELS as readonly string[]).includes(v);
}

/** Effective configuration: `.shipshape.yaml`, then `.hadolint.yaml`, then editor settings on top. */
export interface Config {
  /** Severity per rule id or alias (`hadolint:DL3008`). */
  rules: Record<string, Level>;
  onlyRecommended: boolean;
  /**
   * Which advice applies to rules the configuration names no level for (core/presets.ts). Null runs every
   * rule at its own severity, as rule tests do; files and settings start from `recommended` (workspace.ts).
   */
  preset: Preset | null;
  ignore: string[];
  trustedRegistries: string[];
  kubernetesVersion: string | null;
  /** `.hadolint.yaml` `label-schema` and `strict-labels`. */
  labelSchema: Record<string, string>;
  strictLabels: boolean;
  /** The Pod Security Standard pod specs are held to; null leaves it to the default (off). */
  podSecurity: PodSecurityLevel | null;
  /** Problems found while reading configuration files, shown to the user rather than thrown. */
  problems: string[];
}

export function defaultConfig(): Config {
  return {
    rules: {},
    onlyRecommended: false,
    preset: null,
    ignore: [],
    trustedRegistries: [],
    kubernetesVersion: null,
    labelSchema: {},
    strictLabels: false,
    podSecurity: null,
    problems: [],
  };
}

export function isLevel(v: unknown): v is Level {
  return v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v));
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function readYaml(text: string, name: string, problems: string[]): Record<string, unknown> | null {
  try {
    const v: unknown = parseYaml(text, { maxAliasCount: 100 });
    if (v === null || v === undefined) return {};
    const o = asObject(v);
    if (!o) problems.push(`${name}: expected a mapping at the top`);
    return o;
  } catch (e) {
    problems.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

export function applyShipshapeConfig(config: Config, text: string, name = '.shipshape.yaml'): Config {
  const o = readYaml(text, name, config.problems);
  if (!o) return config;
  const rules = asObject(o.rules);
  if (rules)
    for (const [id, level] of Object.entries(rules)) {
      if (isLevel(level)) config.rules[id] = level;
      else config.problems.push(`${name}: rules.${id} must be one of off, hint, info, warning, error`);
    }
  if (Array.isArray(o.ignore))
    config.ignore.push(...o.ignore.filter((g): g is string => typeof g === 'string'));
  const k8s = asObject(o.kubernetes);
  if (k8s && typeof k8s.version === 'string') config.kubernetesVersion = k8s.version;
  if (k8s && isPodSecurityLevel(k8s.podSecurity)) config.podSecurity = k8s.podSecurity;
  if (typeof o.onlyRecommended === 'boolean') config.onlyRecommended = o.onlyRecommended;
  if (isPreset(o.preset)) config.preset = o.preset;
  else if (o.preset !== undefined)
    config.problems.push(`${name}: preset must be one of ${PRESETS.join(', ')}`);
  return config;
}

/** `.hadolint.yaml`: `ignored`, `override` (error, warning, info, style) and `trustedRegistries`. */
export function applyHadolintConfig(config: Config, text: string, name = '.hadolint.yaml'): Config {
  const o = readYaml(text, name, config.problems);
  if (!o) return config;
  if (Array.isArray(o.ignored))
    for (const id of o.ignored) if (typeof id === 'string') config.rules[`hadolint:${id}`] = 'off';
  const override = asObject(o.override);
  if (override) {
    const map: Record<string, Level> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };
    for (const [level, ids] of Object.entries(override)) {
      const l = map[level];
      if (l && Array.isArray(ids))
        for (const id of ids) if (typeof id === 'string') config.rules[`hadolint:${id}`] = l;
    }
  }
  if (Array.isArray(o.trustedRegistries))
    config.trustedRegistries.push(...o.trustedRegistries.filter((r): r is string => typeof r === 'string'));
  const schema = asObject(o['label-schema']);
  if (schema)
    for (const [label, kind] of Object.entries(schema))
      if (typeof kind === 'string') config.labelSchema[label] = kind;
  if (typeof o['strict-labels'] === 'boolean') config.strictLabels = o['strict-labels'];
  return config;
}

/** The level configured for a rule: its own id wins over an alias. `undefined` keeps the default. */
export function configuredLevel(config: Config, id: string, aliases: readonly string[]): Level | undefined {
  const own = config.rules[id];
  if (own) return own;
  for (const a of aliases) {
    const l = config.rules[a];
    if (l) return l;
  }
  return undefined;
}

/** Whether a path (relative to the workspace root, with forward slashes) matches the `ignore` globs. */
export function isIgnored(config: Config, relativePath: string): boolean {
  if (config.ignore.length === 0) return false;
  return picomatch(config.ignore, { dot: true })(relativePath);
}
