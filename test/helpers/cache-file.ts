import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Marks every result a `--cache` file holds, so that a report made from it can be told from a fresh one:
 * each cached message (the file's second line) and each finding of the last report (the rest of the file)
 * gets `CACHED ` before its message.
 */
export function markCache(path: string): void {
  const [keys, findings, ...report] = readFileSync(path, 'utf8').split('\n');
  const data = JSON.parse(findings as string) as { strings: string[]; rows: Record<string, number[]> };
  // Rows of nine numbers per finding; the third is its message.
  const messages = new Set(Object.values(data.rows).flatMap((r) => r.filter((_, i) => i % 9 === 2)));
  data.strings = data.strings.map((s, i) => (messages.has(i) ? `CACHED ${s}` : s));
  // file:line:column: severity rule message
  const marked = report.map((l) => l.replace(/^(\S+:\d+:\d+: \S+ \S+ )/, '$1CACHED '));
  const line = JSON.stringify(data);
  // The first line holds the second one's length in bytes (a cache cut short is not used).
  const head = JSON.parse(keys as string) as { findings: number };
  head.findings = Buffer.byteLength(line);
  writeFileSync(path, [JSON.stringify(head), line, ...marked].join('\n'));
}

/** The first line of a `--cache` file: its keys, with a record per file. */
export function cacheKeys(path: string): { files: Record<string, unknown[]> } {
  return JSON.parse(readFileSync(path, 'utf8').split('\n')[0] as string) as {
    files: Record<string, unknown[]>;
  };
}
