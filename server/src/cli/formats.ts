import { createHash } from 'node:crypto';
import { docsUrl } from '../core/rule';
import { rules } from '../rules';
import { SHELLCHECK_ID, shellcheckDocsUrl } from '../shellcheck';
import { VERSION, type Format } from './options';

/** One finding as `--format json` prints it (DESIGN.md); every other format is made from these. */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** Ids of other tools this very finding answers to. */
  aliases: string[];
}

export function format(kind: Format, all: readonly JsonFinding[]): string {
  switch (kind) {
    case 'json':
      return JSON.stringify(all, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(sarif(all), null, 2) + '\n';
    case 'github':
      return all.map(github).join('') + summary(all);
    case 'codeclimate':
      return JSON.stringify(codeClimate(all), null, 2) + '\n';
    case 'checkstyle':
      return checkstyle(all);
    case 'text':
      return all.map(text).join('') + summary(all);
  }
}

function text(f: JsonFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message}${f.fixable ? ' [fixable]' : ''}\n`;
}

function summary(all: readonly JsonFinding[]): string {
  const errors = all.filter((f) => f.severity === 'error').length;
  return `${all.length} problem${all.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`;
}

const SARIF_LEVELS: Record<string, string> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** ShellCheck's codes are not Shipshape rules: each one found is described by its wiki page. */
function shellcheckRules(results: readonly JsonFinding[]) {
  return [...new Set(results.map((r) => r.ruleId).filter((id) => SHELLCHECK_ID.test(id)))].map((id) => {
    const text = `ShellCheck ${id.slice('shellcheck/'.length)}`;
    return {
      id,
      shortDescription: { text },
      fullDescription: { text },
      helpUri: shellcheckDocsUrl(id),
      defaultConfiguration: { level: 'warning' },
    };
  });
}

function sarif(results: readonly JsonFinding[]): unknown {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: VERSION,
            informationUri: 'https://github.com/shipshape-dev/shipshape',
            rules: rules
              .map((r) => ({
                id: r.id,
                shortDescription: { text: r.docs.summary },
                fullDescription: { text: r.docs.rationale },
                helpUri: docsUrl(r.id),
                defaultConfiguration: { level: SARIF_LEVELS[r.severity] },
              }))
              .concat(shellcheckRules(results)),
          },
        },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: SARIF_LEVELS[r.severity],
          message: { text: r.message },
          properties: { aliases: r.aliases },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.split('\\').join('/') },
                region: {
                  startLine: r.line,
                  startColumn: r.column,
                  endLine: r.endLine,
                  endColumn: r.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

// GitHub workflow commands: the runner reads `::command key=value,…::data` and percent-decodes these
// sequences (actions/runner ActionCommand; @actions/core escapeData/escapeProperty). `%` goes first.
export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

const GITHUB_COMMANDS: Record<string, string> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  hint: 'notice',
};

function github(f: JsonFinding): string {
  const props: [string, string | number][] = [
    ['file', f.file.split('\\').join('/')],
    ['line', f.line],
    ['col', f.column],
    ['endLine', f.endLine],
    ['endColumn', f.endColumn],
    ['title', f.ruleId],
  ];
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${GITHUB_COMMANDS[f.severity] ?? 'notice'} ${p}::${escapeData(f.message)}\n`;
}

// GitLab Code Quality (a subset of the Code Climate issue spec). GitLab reads description, check_name,
// fingerprint, severity, location.path and location.lines.begin.
const CODECLIMATE_SEVERITIES: Record<string, string> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
  hint: 'info',
};

/**
 * The fingerprint names the finding, not its line: file, rule, message and which occurrence of that
 * triple it is. So the same finding keeps its fingerprint across runs and when lines above it move, and
 * GitLab can tell new findings from old ones.
 */
function codeClimate(all: readonly JsonFinding[]): unknown[] {
  const seen = new Map<string, number>();
  return all.map((f) => {
    const path = f.file.split('\\').join('/');
    const key = `${path}\0${f.ruleId}\0${f.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      severity: CODECLIMATE_SEVERITIES[f.severity] ?? 'info',
      fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
      location: { path, lines: { begin: f.line, end: f.endLine } },
    };
  });
}

/** Checkstyle's severities are ignore, info, warning and error. */
const CHECKSTYLE_SEVERITIES: Record<string, string> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  hint: 'info',
};

/** Text as an XML 1.0 attribute value: markup escaped, characters XML cannot carry replaced by U+FFFD. */
export function xmlAttribute(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += ch + (s[i + 1] as string);
        i++;
        continue;
      }
    }
    const allowed =
      c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
    if (!allowed) out += '\uFFFD';
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    // Attribute-value normalisation would turn these into spaces: keep them as character references.
    else if (c === 0x9 || c === 0xa || c === 0xd) out += `&#${c};`;
    else out += ch;
  }
  return out;
}

function checkstyle(all: readonly JsonFinding[]): string {
  const byFile = new Map<string, JsonFinding[]>();
  for (const f of all) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, list] of byFile) {
    out.push(`  <file name="${xmlAttribute(file)}">`);
    for (const f of list)
      out.push(
        `    <error line="${f.line}" column="${f.column}" severity="${CHECKSTYLE_SEVERITIES[f.severity] ?? 'info'}" ` +
          `message="${xmlAttribute(f.message)}" source="${xmlAttribute(f.ruleId)}"/>`,
      );
    out.push('  </file>');
  }
  out.push('</checkstyle>', '');
  return out.join('\n');
}
