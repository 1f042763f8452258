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
  if (/^(compose|docker-compose)(\..+)?\.ya?ml$/.test(lower)) return 'compose';
  if ((languageId === 'yaml' || /\.ya?ml$/.test(lower)) && text !== undefined && looksLikeKubernetes(text))
    return 'kubernetes';
  return null;
}

/** A YAML document with string apiVersion and kind keys at its top level, and no Helm template syntax. */
export function looksLikeKubernetes(text: string): boolean {
  if (text.includes('{{')) return false;
  return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}
