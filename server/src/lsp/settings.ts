import { isPodSecurityLevel, type PodSecurityLevel } from '../core/config';

/** The `shipshape.*` settings the client passes; see package.json contributes.configuration. */
export interface Settings {
  enable: boolean;
  rules: Record<string, string>;
  onlyRecommended: boolean;
  configFile: string;
  /** Files larger than this many megabytes (UTF-8) are not checked; one info diagnostic says so. */
  maxFileSize: number;
  /** `shipshape.kubernetes.podSecurity`; null when unset, so that `.shipshape.yaml` decides. */
  podSecurity: PodSecurityLevel | null;
}

export function defaultSettings(): Settings {
  return {
    enable: true,
    rules: {},
    onlyRecommended: false,
    configFile: '',
    maxFileSize: 5,
    podSecurity: null,
  };
}

/** The settings from a `workspace/configuration` answer; values of the wrong type keep their default. */
export function readSettings(value: unknown): Settings {
  const s = defaultSettings();
  if (!value || typeof value !== 'object') return s;
  const v = value as Record<string, unknown>;
  if (typeof v.enable === 'boolean') s.enable = v.enable;
  if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules))
    s.rules = Object.fromEntries(
      Object.entries(v.rules as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  if (typeof v.onlyRecommended === 'boolean') s.onlyRecommended = v.onlyRecommended;
  if (typeof v.configFile === 'string') s.configFile = v.configFile;
  if (typeof v.maxFileSize === 'number' && v.maxFileSize > 0) s.maxFileSize = v.maxFileSize;
  const k8s = v.kubernetes as Record<string, unknown> | undefined;
  if (k8s && typeof k8s === 'object' && isPodSecurityLevel(k8s.podSecurity)) s.podSecurity = k8s.podSecurity;
  return s;
}
