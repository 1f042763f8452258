/**
 * Editing features over the real server (`server/out/server.js --stdio`): completion, hover, outline,
 * definition, references, rename, folding, formatting and links, for each file kind. A `|` in a text
 * marks the cursor and is removed before the text is opened.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { start, type LspClient } from './helpers/lsp-client';

let client: LspClient;
let n = 0;
before(async () => {
  client = await start('server/out/server.js');
});
after(async () => {
  await client.shutdown();
});

/** Opens `text` (cursor `|` removed) under a fresh URI ending in `name`; returns the URI and cursor. */
async function open(
  name: string,
  languageId: string,
  marked: string,
): Promise<{ uri: string; at: Position }> {
  const i = marked.indexOf('|');
  const text = i < 0 ? marked : marked.slice(0, i) + marked.slice(i + 1);
  const before = i < 0 ? '' : marked.slice(0, i);
  const lines = before.split('\n');
  const at = { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
  const uri = `file:///tmp/shipshape-editor-test/${n++}/${name}`;
  await client.open(uri, languageId, text);
  return { uri, at };
}

async function labels(name: string, languageId: string, marked: string): Promise<string[]> {
  const { uri, at } = await open(name, languageId, marked);
  const r = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: at,
  });
  return (Array.isArray(r) ? r : r.items).map((i) => i.label);
}

async function hoverText(name: string, languageId: string, marked: string): Promise<string> {
  const { uri, at } = await open(name, languageId, marked);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
  const c = h?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

function includesAll(actual: string[], expected: string[]): void {
  for (const e of expected) assert.ok(actual.includes(e), `${e} in [${actual.join(', ')}]`);
}

describe('completion', () => {
  const cases: { name: string; file: string; lang: string; text: string; has: string[]; not?: string[] }[] = [
    {
      name: 'Dockerfile: instructions at the start of a line',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\n|',
      has: ['RUN command', 'COPY source dest', 'HEALTHCHECK NONE'],
    },
    {
      name: 'Dockerfile: --from= offers earlier stages by name and unnamed ones by index',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM golang AS build\nFROM alpine\nFROM debian\nCOPY --from=| /a /b\n',
      has: ['build', '1'],
    },
    {
      name: 'Dockerfile: RUN flags',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nRUN --|',
      has: ['--mount', '--network', '--security'],
    },
    {
      name: 'Dockerfile: --mount=type= values',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nRUN --mount=type=|',
      has: ['bind', 'cache', 'tmpfs', 'secret', 'ssh'],
    },
    {
      name: 'Dockerfile: keys of a cache mount, without those already written',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache,|',
      has: ['id', 'sharing', 'ro'],
      not: ['target', 'type', 'size'],
    },
    {
      name: 'Dockerfile: ARG and ENV names inside ${}',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nARG VERSION=1\nENV APP_HOME=/app\nRUN echo ${|',
      has: ['${VERSION}', '${APP_HOME}'],
    },
    {
      name: 'Dockerfile: parser directive names at the top',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: '# syntax=docker/dockerfile:1\n# ch|\nFROM alpine\n',
      has: ['check='],
    },
    {
      name: 'Dockerfile: # check=skip= build check names',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: '# check=skip=JSONArgsRecommended,|\nFROM alpine\n',
      has: ['all', 'StageNameCasing', 'UndefinedVar'],
    },
    {
      name: 'Dockerfile: snippets where an instruction starts',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nss-ap|',
      has: ['ss-apk-add', 'ss-python-multistage'],
      not: ['ss-k8s-deployment', 'ss-compose-stack'],
    },
    {
      name: 'Dockerfile: snippets in an empty Dockerfile',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'ss-python|',
      has: ['ss-python-multistage'],
    },
    {
      name: 'Dockerfile: snippets are not instructions, so none inside an instruction',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nRUN --mount=type=|',
      has: [],
      not: ['ss-apk-add'],
    },
    {
      name: 'Compose: service keys from the schema',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n    heal|\n',
      has: ['healthcheck', 'depends_on', 'restart'],
    },
    {
      name: 'Compose: values listed by the schema',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n    restart: |\n',
      has: ['no', 'always', 'on-failure', 'unless-stopped'],
    },
    {
      name: 'Compose: depends_on items are the other services',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n    depends_on:\n      - |\n  db:\n    image: postgres\n',
      has: ['db'],
      not: ['web'],
    },
    {
      name: "Compose: a list written at its key's column (`depends_on:` then `- `) is still that key's",
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n    depends_on:\n    - |\n  db:\n    image: postgres\n',
      has: ['db'],
      not: ['web'],
    },
    {
      name: "Kubernetes: keys of an item in a list written at its key's column",
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx\n    readi|\n',
      has: ['readinessProbe', 'resources'],
    },
    {
      name: 'Compose: a service network is a declared network',
      file: 'compose.yaml',
      lang: 'yaml',
      text: 'services:\n  web:\n    image: nginx\n    networks:\n      - |\nnetworks:\n  front: {}\n',
      has: ['front'],
    },
    {
      name: 'Compose: extends.service names a service',
      file: 'docker-compose.yml',
      lang: 'yaml',
      text: 'services:\n  base:\n    image: nginx\n  web:\n    extends:\n      service: |\n',
      has: ['base'],
    },
    {
      name: 'Compose: the first line of an empty compose.yaml offers the Compose snippets',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'ss|',
      has: ['ss-compose-stack', 'ss-compose-service'],
      not: ['ss-k8s-deployment'],
    },
    {
      name: 'Kubernetes: an empty .yaml offers the manifest snippets and top keys',
      file: 'new.yaml',
      lang: 'yaml',
      text: '|',
      has: ['ss-k8s-deployment', 'ss-k8s-service', 'apiVersion', 'kind'],
      not: ['ss-compose-stack'],
    },
    {
      name: 'Kubernetes: kind values for the apiVersion written',
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: apps/v1\nkind: |\n',
      has: ['Deployment', 'StatefulSet', 'DaemonSet'],
      not: ['Pod'],
    },
    {
      name: 'Kubernetes: container keys by the document kind',
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          res|\n',
      has: ['resources', 'readinessProbe', 'securityContext'],
    },
    {
      name: 'Kubernetes: values a description lists (imagePullPolicy)',
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      imagePullPolicy: |\n',
      has: ['Always', 'IfNotPresent', 'Never'],
    },
    {
      name: 'Kubernetes: configMapKeyRef.name names a ConfigMap of the file',
      file: 'app.yaml',
      lang: 'yaml',
      text:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' +
        'spec:\n  containers:\n    - name: c\n      env:\n        - name: X\n          valueFrom:\n            configMapKeyRef:\n              name: |\n',
      has: ['settings'],
    },
    {
      name: 'Kubernetes: selector labels come from the pod templates of the file',
      file: 'app.yaml',
      lang: 'yaml',
      text:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n---\n' +
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      |\n',
      has: ['app: '],
    },
    {
      name: 'other YAML (a workflow) is left alone',
      file: 'ci.yaml',
      lang: 'yaml',
      text: 'on: push\njobs:\n  |\n',
      has: [],
      not: ['ss-k8s-deployment', 'apiVersion'],
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const got = await labels(c.file, c.lang, c.text);
      includesAll(got, c.has);
      for (const x of c.not ?? []) assert.ok(!got.includes(x), `${x} not in [${got.join(', ')}]`);
      if (c.has.length === 0 && c.name.startsWith('other')) assert.deepEqual(got, []);
    });

  it('Dockerfile instructions insert snippet bodies', async () => {
    const { uri, at } = await open('Dockerfile', 'dockerfile', 'FROM alpine\n|');
    const r = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: at,
    });
    const copy = r.find((i) => i.label === 'COPY source dest');
    assert.equal(copy?.insertTextFormat, 2);
    assert.equal(
      copy?.textEdit && 'newText' in copy.textEdit ? copy.textEdit.newText : undefined,
      'COPY ${1:source} ${2:dest}',
    );
  });

  it('ss-k8s-deployment expands to the snippet body over what was typed', async () => {
    const { uri, at } = await open('new.yaml', 'yaml', 'ss-k8s|');
    const r = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: at,
    });
    const d = r.find((i) => i.label === 'ss-k8s-deployment');
    const edit = d?.textEdit as TextEdit | undefined;
    assert.deepEqual(edit?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    assert.match(edit?.newText ?? '', /^apiVersion: apps\/v1\nkind: Deployment\n/);
  });
});

describe('hover', () => {
  const cases: { name: string; file: string; lang: string; text: string; has: string }[] = [
    {
      name: 'Dockerfile instruction',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FR|OM alpine\n',
      has: 'FROM baseImage',
    },
    {
      name: 'Dockerfile variable with its value',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nARG VERSION=1.2.3\nRUN echo $VER|SION\n',
      has: 'Value: `1.2.3`',
    },
    {
      name: 'Compose key from the schema',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    ima|ge: nginx\n',
      has: 'Specify the image to start the container from',
    },
    {
      name: 'Kubernetes key from the bundled descriptions',
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  repl|icas: 2\n',
      has: 'Number of desired pods',
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      assert.ok((await hoverText(c.file, c.lang, c.text)).includes(c.has));
    });
});

describe('outline', () => {
  const names = (s: DocumentSymbol[]): unknown =>
    s.map((x) => (x.children?.length ? { [x.name]: names(x.children) } : x.name));
  const cases: { name: string; file: string; lang: string; text: string; outline: unknown }[] = [
    {
      name: 'Dockerfile: global ARGs, then stages with their ARG and ENV',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'ARG BASE=alpine\nFROM golang AS build\nARG V=1\nRUN go build\nFROM ${BASE}\nENV A=1 B=2\n',
      outline: ['BASE', { build: ['V'] }, { 'stage 1': ['A', 'B'] }],
    },
    {
      name: 'Compose: services, networks, volumes',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\nnetworks:\n  front: {}\nvolumes:\n  data: {}\n',
      outline: [{ services: ['web', 'db'] }, { networks: ['front'] }, { volumes: ['data'] }],
    },
    {
      name: 'Kubernetes: one Kind/name per document',
      file: 'app.yaml',
      lang: 'yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      outline: ['Service/web', 'Deployment/web'],
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const { uri } = await open(c.file, c.lang, c.text);
      const s = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri },
      });
      assert.deepEqual(names(s), c.outline);
    });
});

describe('definition and references', () => {
  const cases: { name: string; file: string; lang: string; text: string; line: number; refs: number }[] = [
    {
      name: 'Dockerfile: a stage named in COPY --from',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM golang AS build\nFROM alpine\nCOPY --from=bu|ild /a /b\n',
      line: 0,
      refs: 2,
    },
    {
      name: 'Dockerfile: an ARG used in RUN',
      file: 'Dockerfile',
      lang: 'dockerfile',
      text: 'FROM alpine\nARG VERSION=1\nRUN echo $VERSION ${VERS|ION}\n',
      line: 1,
      refs: 3,
    },
    {
      name: 'Compose: a service in depends_on',
      file: 'compose.yaml',
      lang: 'dockercompose',
      text: 'services:\n  web:\n    image: nginx\n    depends_on:\n      - d|b\n  db:\n    image: postgres\n',
      line: 5,
      refs: 2,
    },
    {
      name: 'Kubernetes: a ConfigMap named by configMapRef',
      file: 'app.yaml',
      lang: 'yaml',
      text:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' +
        'spec:\n  containers:\n    - name: c\n      envFrom:\n        - configMapRef:\n            name: sett|ings\n',
      line: 3,
      refs: 2,
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const { uri, at } = await open(c.file, c.lang, c.text);
      const def = await client.request<Location | null>('textDocument/definition', {
        textDocument: { uri },
        position: at,
      });
      assert.equal(def?.range.start.line, c.line);
      const refs = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position: at,
        context: { includeDeclaration: true },
      });
      assert.equal(refs.length, c.refs);
    });

  it('Dockerfile: renaming a stage renames its uses', async () => {
    const { uri, at } = await open(
      'Dockerfile',
      'dockerfile',
      'FROM golang AS bu|ild\nFROM alpine\nCOPY --from=build /a /b\n',
    );
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: at,
      newName: 'compile',
    });
    const edits = edit.changes?.[uri] ?? [];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]).sort(), [
      [0, 'compile'],
      [2, 'compile'],
    ]);
  });
});

describe('folding, formatting, links', () => {
  it('Dockerfile: a continued RUN folds', async () => {
    const { uri } = await open(
      'Dockerfile',
      'dockerfile',
      'FROM alpine\nRUN apk add \\\n    curl \\\n    git\n',
    );
    const f = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      f.map((r) => [r.startLine, r.endLine]),
      [[1, 3]],
    );
  });

  const formats: { name: string; text: string; range?: [number, number]; formatted: string }[] = [
    {
      name: 'keywords upper case, continuation lines indented',
      text: 'from alpine\nrun apk add \\\ncurl\nCopy . /app\n',
      formatted: 'FROM alpine\nRUN apk add \\\n    curl\nCOPY . /app\n',
    },
    {
      name: 'a range formats only its lines',
      text: 'from alpine\nrun true\ncopy . /app\n',
      range: [1, 1],
      formatted: 'from alpine\nRUN true\ncopy . /app\n',
    },
  ];
  for (const c of formats)
    it(`Dockerfile formatting: ${c.name}`, async () => {
      const { uri } = await open('Dockerfile', 'dockerfile', c.text);
      const options = { tabSize: 4, insertSpaces: true };
      const edits = c.range
        ? await client.request<TextEdit[]>('textDocument/rangeFormatting', {
            textDocument: { uri },
            options,
            range: { start: { line: c.range[0], character: 0 }, end: { line: c.range[1], character: 99 } },
          })
        : await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
      assert.equal(applyEdits(c.text, edits), c.formatted);
    });

  it('Compose: links to the build context, the Dockerfile and env files', async () => {
    const { uri } = await open(
      'compose.yaml',
      'dockercompose',
      'services:\n  web:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.dev\n    env_file:\n      - .env\n      - ${ENV_FILE}\n',
    );
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri },
    });
    const dir = uri.slice(0, uri.lastIndexOf('/'));
    assert.deepEqual(
      links.map((l) => l.target),
      [`${dir}/api`, `${dir}/api/Dockerfile.dev`, `${dir}/.env`],
    );
  });
});

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number =>
    lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    out =
      out.slice(0, offset(e.range.start)) + e.newText + out.slice(Math.min(offset(e.range.end), out.length));
  return out;
}
