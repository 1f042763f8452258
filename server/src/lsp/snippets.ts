import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver/node';
import compose from '../../../snippets/compose.json';
import dockerfile from '../../../snippets/dockerfile.json';
import kubernetes from '../../../snippets/kubernetes.json';

/**
 * The snippets of `snippets/*.json`, served as completion items so that the file kind decides where
 * they appear, whatever language id the editor gave the file (a `compose.yaml` may be `yaml` or
 * `dockercompose`; a new `.yaml` becomes a manifest as it is written). The files stay in VS Code's
 * snippet format, which other editors read too.
 */
interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

export type SnippetKind = 'dockerfile' | 'compose' | 'kubernetes';

const FILES: Record<SnippetKind, Record<string, Snippet>> = {
  dockerfile: dockerfile as Record<string, Snippet>,
  compose: compose as Record<string, Snippet>,
  kubernetes: kubernetes as Record<string, Snippet>,
};

/** The body with its placeholders' defaults, for the documentation preview. */
function preview(body: string): string {
  let out = body;
  // Innermost placeholders first, so `${1:a ${2:b}}` previews as `a b`; bounded by the text's length.
  for (let i = 0; i < 8 && /\$\{\d+:[^${}]*\}/.test(out); i++)
    out = out.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  return out
    .replace(/\$\{\d+\|([^,|]*)(?:,[^|]*)?\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\\$/g, '$');
}

/**
 * Completion items for the snippets of a file kind, replacing what was typed from `typedStart`. One item
 * per snippet, its first prefix as the label and every prefix in the filter text.
 */
export function snippetItems(kind: SnippetKind, position: Position, typedStart: number): CompletionItem[] {
  const range = { start: { line: position.line, character: typedStart }, end: position };
  return Object.entries(FILES[kind]).map(([title, s]) => {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const lang = kind === 'dockerfile' ? 'dockerfile' : 'yaml';
    return {
      label: prefixes[0] ?? title,
      kind: CompletionItemKind.Snippet,
      detail: title,
      filterText: prefixes.join(' '),
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${s.description ?? ''}\n\n\`\`\`${lang}\n${preview(body)}\n\`\`\``,
      },
      textEdit: { range, newText: body },
      insertTextFormat: InsertTextFormat.Snippet,
      // After the schema's keys in the list; typing `ss-` filters down to the snippets.
      sortText: `~${prefixes[0] ?? title}`,
    };
  });
}

/** Whether what is typed could be the start of a snippet prefix (`ss-…`). */
export function mayBeSnippet(typed: string): boolean {
  const t = typed.toLowerCase();
  return t.length === 0 || 'ss-'.startsWith(t.slice(0, 3)) || t.startsWith('ss-');
}
