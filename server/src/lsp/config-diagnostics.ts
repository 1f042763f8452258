import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver/node';
import {
  checkConfigText,
  closest,
  configKind,
  LEVELS,
  SHELLCHECK_IDS,
  type ConfigProblem,
} from '../core/config-check';
import { rangesOverlap, type Range } from '../core/text';
import { rules } from '../rules';
import { SOURCE, workspaceEdit, type EditCapabilities } from './convert';

/**
 * Shipshape's own configuration files (`.shipshape.yaml`, `.hadolint.yaml`) are neither Compose nor
 * Kubernetes, but a mistake in them silently changes what is checked: the editor shows it where it was made.
 */
function problemsOf(name: string, text: string): ConfigProblem[] {
  const kind = configKind(name);
  return kind ? checkConfigText(text, kind, rules) : [];
}

function toDiagnostic(p: ConfigProblem): Diagnostic {
  return {
    range: p.range,
    // A mistake here is not a broken build: the rest of the file still applies.
    severity: DiagnosticSeverity.Warning,
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
}

/** Diagnostics for a configuration document; none for any other file. */
export function configDiagnostics(name: string, text: string): Diagnostic[] {
  return problemsOf(name, text).map(toDiagnostic);
}

/** "Change to …" quick fixes for the mistakes in a configuration document that touch `range`. */
export function configQuickFixes(
  uri: string,
  version: number,
  name: string,
  text: string,
  range: Range,
  caps: EditCapabilities,
): CodeAction[] {
  return problemsOf(name, text).flatMap((p) =>
    p.replacement !== undefined && rangesOverlap(p.range, range)
      ? [
          {
            title: `Change to ${p.replacement}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [toDiagnostic(p)],
            isPreferred: true,
            edit: workspaceEdit(uri, version, [{ range: p.range, newText: p.replacement }], [], caps),
          },
        ]
      : [],
  );
}

const known = new Set([...rules.map((r) => r.id), ...rules.flatMap((r) => r.aliases)]);
const warned = new Set<string>();

/**
 * Warns, once per id for the life of the server, about `shipshape.rules` entries that no rule answers to or
 * whose level does not exist: the settings editor flags them too, but settings.json can be written by hand.
 */
export function warnAboutRuleSettings(settingsRules: unknown, warn: (message: string) => void): void {
  if (!settingsRules || typeof settingsRules !== 'object') return;
  for (const [id, level] of Object.entries(settingsRules)) {
    if (!known.has(id) && !SHELLCHECK_IDS.test(id) && !warned.has(id)) {
      warned.add(id);
      const s = closest(id, [...known]);
      warn(
        `shipshape: shipshape.rules: no rule has the id or alias "${id}"${s ? ` (did you mean "${s}"?)` : ''}`,
      );
    }
    const key = `${id}=${String(level)}`;
    if (!(LEVELS as readonly unknown[]).includes(level) && !warned.has(key)) {
      warned.add(key);
      warn(`shipshape: shipshape.rules: "${String(level)}" for "${id}" is not one of ${LEVELS.join(', ')}`);
    }
  }
}

const logged = new Set<string>();

/** Logs a configuration problem the first time it is seen, not at every keystroke of every document. */
export function warnOnce(message: string, warn: (message: string) => void): void {
  if (logged.has(message)) return;
  logged.add(message);
  warn(message);
}
