import type { Config } from './core/config';
import type { FileCreate, Host } from './core/rule';
import { applyFixGroups, type TextEdit } from './core/text';
import type { Engine, SourceFile } from './engine';

export interface FixAllResult {
  text: string;
  /** Files the applied fixes create beside the document. */
  creates: FileCreate[];
  /** Number of fixes applied over all passes. */
  applied: number;
}

const MAX_PASSES = 10;

/**
 * Applies the preferred safe fix of every finding, re-analysing between passes so that fixes which
 * overlap in one pass still land in the next, as ESLint does. Unsafe fixes are never applied here.
 */
export function fixAll(engine: Engine, file: SourceFile, config: Config, host: Host): FixAllResult {
  let text = file.text;
  const creates: FileCreate[] = [];
  const created = new Set<string>();
  let applied = 0;
  const hostWithCreates: Host = {
    fileName: host.fileName,
    exists: (p) => (created.has(p) ? true : host.exists(p)),
    // Compose reads `.env` and the Dockerfiles it builds; the passes must see what the editor sees.
    read: host.read?.bind(host),
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = engine.analyze({ ...file, text }, config, hostWithCreates);
    if (!result) break;
    const groups: TextEdit[][] = [];
    for (const f of result.findings) {
      const fix = f.fixable ? f.fixes().find((x) => x.preferred && x.kind === 'safe') : undefined;
      if (!fix) continue;
      groups.push(fix.edits);
      for (const c of fix.creates)
        if (!created.has(c.path)) {
          created.add(c.path);
          creates.push(c);
        }
    }
    if (groups.length === 0) break;
    const next = applyFixGroups(text, groups);
    const changed = next.text !== text;
    text = next.text;
    applied += next.applied;
    if (!changed) break;
  }
  return { text, creates, applied };
}
