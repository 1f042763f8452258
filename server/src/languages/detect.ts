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
  if (/^kustomization\.ya?ml$/.test(lower)) return null;
  if ((languageId === 'yaml' || /\.ya?ml$/.test(lower)) && text !== undefined && looksLikeKubernetes(text))
    return 'kubernetes';
  return null;
}

/**
 * A YAML document with apiVersion and kind keys at its top level, that is not a Helm template nor a
 * Kustomization. Template syntax counts only outside quoted strings, comments and block scalars: `{{` in
 * `summary: "{{ $labels.pod }} is down"` or in a ConfigMap's `|` block is data (Prometheus rules,
 * Alertmanager and Argo templates are applied as they are), while Helm puts `{{` where YAML expects
 * structure (`{{- if .Values.x }}`, `name: {{ .Release.Name }}`).
 */
export function looksLikeKubernetes(text: string): boolean {
  if (!/^apiVersion:[ \t]*\S/m.test(text)) return false;
  const kinds = [...text.matchAll(/^kind:[ \t]*["']?([^\s"'#]+)/gm)].map((m) => m[1]);
  if (!kinds.some((k) => k !== 'Kustomization')) return false;
  return !text.includes('{{') || !hasTemplateSyntax(text);
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
