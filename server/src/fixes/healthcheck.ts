import type { TextDoc, TextEdit } from '../core/text';
import type { DInstruction, DockerfileModel, Stage } from '../languages/dockerfile';
import type { HealthProbe } from '../languages/well-known-images';

/** Edits the health-check rules share: probe commands, the HEALTHCHECK line and where new lines go. */

/** The options production Dockerfiles use: a probe every 30 s, 10 s to answer, 40 s to start, 3 tries. */
export const HEALTHCHECK_OPTIONS = '--interval=30s --timeout=10s --start-period=40s --retries=3';

export type ProbeKind = 'curl' | 'wget' | 'python' | 'node';

export function healthUrl(port: number, path = '/health'): string {
  return `http://localhost:${port}${path}`;
}

/** A shell-form probe that exits 0 when the URL answers with a success status and 1 otherwise. */
export function probeCommand(kind: ProbeKind, url: string): string {
  switch (kind) {
    case 'curl':
      return `curl -fsS ${url} || exit 1`;
    case 'wget':
      return `wget -qO- ${url} || exit 1`;
    case 'python':
      return `python -c "import urllib.request; urllib.request.urlopen('${url}', timeout=5)" || exit 1`;
    case 'node':
      return (
        `node -e "require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1))` +
        `.on('error', () => process.exit(1))"`
      );
  }
}

export function healthcheckLine(probe: string): string {
  return `HEALTHCHECK ${HEALTHCHECK_OPTIONS} CMD ${probe}`;
}

/**
 * The first line of the comment block directly above an instruction (or the instruction's own line),
 * so that lines inserted "before" it do not separate it from the comments that describe it.
 */
export function lineAboveComments(model: DockerfileModel, ins: DInstruction): number {
  const prev = model.instructions[model.instructions.indexOf(ins) - 1];
  const floor = prev ? prev.range.end.line + 1 : 0;
  let line = ins.range.start.line;
  while (line - 1 >= floor && /^\s*#/.test(model.doc.lineText(line - 1))) line--;
  // Parser directives at the top of the file stay where they are.
  if (!prev)
    while (line < ins.range.start.line && /^\s*#\s*[a-z]+\s*=/i.test(model.doc.lineText(line))) line++;
  return line;
}

/** Inserts whole lines before a line, indented like the instruction that follows. */
export function insertBefore(doc: TextDoc, line: number, indentLine: number, lines: string[]): TextEdit {
  const indent = doc.indentOf(indentLine);
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + doc.eol).join('') };
}

/** Inserts whole lines after an instruction (which may span lines), indented like its first line. */
export function insertAfterInstruction(doc: TextDoc, ins: DInstruction, lines: string[]): TextEdit {
  const indent = doc.indentOf(ins.range.start.line);
  const at = doc.positionAt(doc.lineEnd(ins.range.end.line));
  return { range: { start: at, end: at }, newText: lines.map((l) => doc.eol + indent + l).join('') };
}

/** Where a new HEALTHCHECK goes in a stage: before its first CMD/ENTRYPOINT, else after its last line. */
export function healthcheckInsertion(model: DockerfileModel, stage: Stage, line: string): TextEdit {
  const first = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (first) return insertBefore(model.doc, lineAboveComments(model, first), first.range.start.line, [line]);
  const last = stage.instructions[stage.instructions.length - 1] as DInstruction;
  return insertAfterInstruction(model.doc, last, [line]);
}

/** A Compose `test:` value (exec form) for a well-known image's probe, with the HTTP client to use. */
export function composeTest(probe: HealthProbe, client: 'curl' | 'wget' = 'curl'): string {
  const words =
    probe.kind === 'exec'
      ? ['CMD', ...probe.argv]
      : client === 'curl'
        ? ['CMD', 'curl', '-f', healthUrl(probe.port, probe.path)]
        : ['CMD', 'wget', '-q', '--spider', healthUrl(probe.port, probe.path)];
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}
