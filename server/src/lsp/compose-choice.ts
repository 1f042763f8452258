import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { includedByCompose } from '../compose-includers';
import type { Language } from '../core/rule';
import { detectLanguage, looksLikeCompose } from '../languages/detect';

/** The command behind "Treat as Compose"; the server remembers the choice per document for the session. */
export const TREAT_AS_COMPOSE = 'shipshape.treatAsCompose';

const MAX_CHARS = 256 * 1024;

interface Doc {
  uri: string;
  languageId: string;
  text: string;
}

function isYaml(name: string, languageId: string): boolean {
  return languageId === 'yaml' || /\.ya?ml$/i.test(name);
}

/**
 * The kind a document is analysed as when detection alone would not take it: Compose when the user chose
 * so, or when a Compose file includes or extends it (an open one, or a main Compose file in its folder or
 * above, inside the workspace). Undefined leaves the choice to detection.
 */
export function chosenLanguage(
  doc: Doc,
  name: string,
  path: string | null,
  opts: { chosen?: Language; root: string | undefined; open: readonly { path: string; text: string }[] },
): { language: Language; partial: boolean } | undefined {
  if (opts.chosen) return { language: opts.chosen, partial: false };
  // Compose files are small: a large YAML file is not looked up (nor detected twice).
  if (!path || !isYaml(name, doc.languageId) || doc.text.length > MAX_CHARS) return undefined;
  if (detectLanguage(name, doc.languageId, doc.text) !== null) return undefined;
  const kind = includedByCompose(path, opts.root, opts.open);
  // A file only ever extended holds templates, not a project: its services need not be complete.
  return kind ? { language: 'compose', partial: kind === 'extends' } : undefined;
}

/** "Treat as Compose" on YAML that reads like Compose and is not analysed as anything. */
export function treatAsComposeAction(doc: Doc, name: string, analysed: boolean): CodeAction | null {
  if (analysed || !isYaml(name, doc.languageId) || doc.text.length > MAX_CHARS || !looksLikeCompose(doc.text))
    return null;
  const title = 'Treat this file as a Compose file';
  return {
    title,
    kind: CodeActionKind.Refactor,
    command: { title, command: TREAT_AS_COMPOSE, arguments: [doc.uri] },
  };
}
