import { includesOf } from './files';
import { parseCompose } from './parse';

/**
 * The files a Compose file makes Compose read as Compose files, whatever their names: the paths of
 * `include:` entries and the `file:` of `extends:`, relative to the file's folder (variables resolved
 * from `dotEnv` when given; remote resources and unresolved paths left out). Used before analysis to
 * decide that those files are Compose: the CLI given both files, the language server with the including
 * file open.
 */
export function composeReferences(text: string, dotEnv?: string): string[] {
  // Cheap refusal for the common file that has neither.
  if (!text.includes('include') && !text.includes('extends')) return [];
  const m = parseCompose(text, undefined, { name: 'compose.yaml', dotEnv });
  const out = includesOf(m).flatMap((inc) => inc.files.map((f) => f.path));
  for (const s of m.services) {
    const file = s.extends?.file;
    if (file !== undefined && file !== '' && !file.includes('$') && !/^([a-z][a-z0-9+.-]+:|git@)/i.test(file))
      out.push(file);
  }
  return [...new Set(out)];
}
