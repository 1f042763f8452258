import { withoutBom } from '../core/bom';
import type { Language } from '../core/rule';

/** Decides the file kind from the editor's language id, the file name and, for YAML, the content. */
export function detectLanguage(fileName: string, languageId?: string, text?: string): Language | null {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  const lower = base.toLowerCase();
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  if (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  )
    return 'dockerfile';
  // compose.y(a)ml, compose.*.y(a)ml and docker-compose*.y(a)ml (docker-compose-dev.yml included).
  if (/^(compose(\..+)?|docker-compose.*)\.ya?ml$/.test(lower)) return 'compose';
  // Kustomize's own file lists manifests; it is not one.
  if (/^kustomization(\.ya?ml)?$/.test(lower)) return null;
  if (text === undefined) return null;
  // A byte-order mark is not content (YAML and JSON readers skip it).
  const body = withoutBom(text);
  if ((languageId === 'yaml' || /\.ya?ml$/.test(lower)) && looksLikeKubernetes(body)) return 'kubernetes';
  // JSON is YAML: kubectl applies a manifest written as JSON like any other.
  if ((languageId === 'json' || lower.endsWith('.json')) && looksLikeJsonManifest(body)) return 'kubernetes';
  return null;
}

/** Files worth reading when a directory is walked: known names, YAML, and JSON that is not tool configuration. */
export function walkCandidate(fileName: string): boolean {
  const base = (fileName.replace(/\\/g, '/').split('/').pop() ?? fileName).toLowerCase();
  if (detectLanguage(base) !== null || /\.ya?ml$/.test(base)) return true;
  // package.json, tsconfig.json, .eslintrc.json, lock files and the like hold no manifests.
  return base.endsWith('.json') && !base.startsWith('.') && !JSON_TOOL_FILES.test(base);
}

const JSON_TOOL_FILES =
  /^(package|package-lock|composer|tsconfig.*|jsconfig|deno|bower|lerna|nx|turbo|renovate|app|manifest|angular|project|launch|settings|tasks|extensions|devcontainer|components|vercel|firebase|cdk|appsettings.*)\.json$|\.(lock|map|schema|min)\.json$/;

/**
 * A YAML document with apiVersion and kind keys at its top level, that is not a Helm template nor a
 * Kustomization. Template syntax counts only outside quoted strings, comments and block scalars: `{{` in
 * `summary: "{{ $labels.pod }} is down"` or in a ConfigMap's `|` block is data (Prometheus rules,
 * Alertmanager and Argo templates are applied as they are), while Helm puts `{{` where YAML expects
 * structure (`{{- if .Values.x }}`, `name: {{ .Release.Name }}`).
 */
export function looksLikeKubernetes(input: string): boolean {
  const text = withoutBom(input);
  if (startsWithFlowMapping(text)) return looksLikeFlowManifest(text);
  const apiVersions = [...text.matchAll(/^apiVersion:[ \t]*["']?([^\s"'#]+)/gm)].map((m) => m[1]);
  // Kustomize's Kustomization and Component files configure kustomize; they are not API objects.
  if (!apiVersions.some((v) => !v?.startsWith('kustomize.config.k8s.io/'))) return false;
  const kinds = [...text.matchAll(/^kind:[ \t]*["']?([^\s"'#]+)/gm)].map((m) => m[1]);
  if (!kinds.some((k) => k !== 'Kustomization')) return false;
  return !text.includes('{{') || !hasTemplateSyntax(text);
}

/** Whether the first thing after comments and blank lines is a `{` (JSON, or YAML in flow style). */
function startsWithFlowMapping(text: string): boolean {
  const m = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:---[ \t]*\r?\n[ \t]*)?\{/.exec(text);
  return m !== null;
}

/**
 * A manifest in flow style (`{apiVersion: v1, kind: Pod, …}` or JSON): the top mapping names a string
 * apiVersion and kind. Keys are matched loosely (quoted or not); a nested object's apiVersion (an
 * ownerReference) comes with a kind too, which is a manifest-shaped object all the same.
 */
function looksLikeFlowManifest(text: string): boolean {
  if (!/["']?apiVersion["']?[ \t]*:[ \t]*["']?[A-Za-z]/.test(text)) return false;
  if (!/["']?kind["']?[ \t]*:[ \t]*["']?[A-Za-z]/.test(text)) return false;
  if (/["']?apiVersion["']?[ \t]*:[ \t]*["']?kustomize\.config\.k8s\.io\//.test(text)) return false;
  return !text.includes('{{') || !hasTemplateSyntax(text);
}

/**
 * A .json file holding a Kubernetes object: parsed when it is valid JSON (then the top object must have
 * string apiVersion and kind), else judged by its text so that a manifest with a syntax error is still
 * reported.
 */
export function looksLikeJsonManifest(input: string): boolean {
  const text = withoutBom(input);
  if (!/^\s*\{/.test(text)) return false;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return looksLikeFlowManifest(text) && /^\s*\{\s*"/.test(text);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const o = data as Record<string, unknown>;
  return (
    typeof o.apiVersion === 'string' &&
    typeof o.kind === 'string' &&
    !o.apiVersion.startsWith('kustomize.config.k8s.io/')
  );
}

function hasTemplateSyntax(text: string): boolean {
  // The indentation of the line that opened a block scalar (`key: |`), or -1 outside one.
  let blockIndent = -1;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const indent = line.search(/\S/);
    if (blockIndent >= 0) {
      if (indent < 0 || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (indent < 0) continue;
    const code = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""').replace(/(^|\s)#.*$/, '');
    if (code.includes('{{')) return true;
    if (/(?:^|[:\s-])[|>][0-9+-]*\s*$/.test(code)) blockIndent = indent;
  }
  return false;
}

/**
 * YAML that reads like a Compose file detection did not take as one (its name is not a Compose name):
 * a top-level `services:` whose entries carry service keys. The editor offers "Treat as Compose" on it.
 */
export function looksLikeCompose(input: string): boolean {
  const lines = withoutBom(input).split(/\r?\n/);
  const start = lines.findIndex((l) => /^services:[ \t]*(?:#.*)?$/.test(l));
  if (start < 0) return false;
  // A service's own key, two levels in (`  web:` then `    image: …`), before the next top-level key.
  for (const line of lines.slice(start + 1)) {
    if (/^[^\s#]/.test(line)) return false;
    if (SERVICE_KEY.test(line)) return true;
  }
  return false;
}

const SERVICE_KEY =
  /^[ \t]+(?:image|build|extends|command|ports|environment|depends_on|volumes|container_name|provider):/;
