import { includesOf } from './files';
import { parseCompose } from './parse';

/**
 * The files a Compose file makes Compose read as Compose files, whatever their names: the paths of
 * `include:` entries and the `file:` of `extends:`, relative to the file's folder (variables resolved
 * from `dotEnv` when given; remote resources and unresolved paths left out). Used before analysis to
 * decide that those files are Compose: the CLI given both files, the language server with the including
 * file open.
 */
export function composeReferences(text: string, dotEnv?: string): ComposeReference[] {
  // Cheap refusal for the common file that has neither.
  if (!text.includes('include') && !text.includes('extends')) return [];
  const m = parseCompose(text, undefined, { name: 'compose.yaml', dotEnv });
  const out: ComposeReference[] = includesOf(m).flatMap((inc) =>
    inc.files.map((f) => ({ path: f.path, kind: 'include' as const })),
  );
  for (const s of m.services) {
    const path = s.extends?.file;
    if (path !== undefined && path !== '' && !path.includes('$') && !/^([a-z][a-z0-9+.-]+:|git@)/i.test(path))
      out.push({ path, kind: 'extends' });
  }
  return out;
}

export interface ComposeReference {
  /** Relative to the referring file's folder. */
  path: string;
  /**
   * `include`: a file whose services join the project; `extends`: a file other services only take
   * settings from, which compose-go never checks as a project (its services may lack an image).
   */
  kind: 'include' | 'extends';
}
