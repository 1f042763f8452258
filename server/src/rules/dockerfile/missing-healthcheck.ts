import { defineRule } from '../../core/rule';
import {
  exposedPorts,
  finalStage,
  instructionsOf,
  parseShell,
  resolveAt,
  stageChain,
  type DInstruction,
  type DockerfileModel,
  type Stage,
} from '../../languages/dockerfile';
import { TextDoc } from '../../core/text';
import { execWords, officialName, rootImage, toolPresence } from '../../languages/dockerfile/images';
import { wellKnownImage } from '../../languages/well-known-images';
import {
  healthcheckInsertion,
  healthcheckLine,
  healthUrl,
  probeCommand,
  type ProbeKind,
} from '../../fixes/healthcheck';

/** How a server program takes its listening port on the command line. */
interface ServerSpec {
  /** Flags whose value is a port (`--port 8080`, `--port=8080`, `-p8080`). */
  port?: string[];
  /** Flags whose value is an address ending in a port (`--bind 0.0.0.0:8000`, `-b :8000`). */
  bind?: string[];
  /** Speaks FastCGI, not HTTP: no HTTP probe can be written for it. */
  fastcgi?: boolean;
}

const SERVERS: Record<string, ServerSpec> = {
  uvicorn: { port: ['--port'] },
  gunicorn: { bind: ['--bind', '-b'] },
  hypercorn: { bind: ['--bind', '-b'] },
  daphne: { port: ['--port', '-p'] },
  granian: { port: ['--port'] },
  'waitress-serve': { port: ['--port'], bind: ['--listen'] },
  puma: { port: ['--port', '-p'], bind: ['--bind', '-b'] },
  unicorn: { port: ['--port', '-p'], bind: ['--listen', '-l'] },
  rackup: { port: ['--port', '-p'] },
  next: { port: ['--port', '-p'] },
  nuxt: { port: ['--port'] },
  serve: { port: ['-p'], bind: ['--listen', '-l'] },
  'http-server': { port: ['-p', '--port'] },
  nginx: {},
  httpd: {},
  'httpd-foreground': {},
  'apache2-foreground': {},
  apachectl: {},
  caddy: {},
  'php-fpm': { fastcgi: true },
};

/** Programs that run the command after them: `tini -- app`, `bundle exec app`, `poetry run app`. */
const RUNNERS: Record<string, number> = {
  exec: 1,
  nohup: 1,
  'dumb-init': 1,
  bundle: 2, // bundle exec
  poetry: 2, // poetry run
  pipenv: 2,
  uv: 2,
  npx: 1,
  env: 1,
};

interface Server {
  name: string;
  port: number | null;
  fastcgi: boolean;
}

function basename(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

/** Strips wrappers and interpreters so the program that actually serves comes first. */
function unwrap(words: string[]): string[] {
  let w = words;
  for (let guard = 0; guard < 8 && w.length > 0; guard++) {
    const head = basename(w[0] as string);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0] as string)) w = w.slice(1);
    else if (head === 'tini' || head === 'tini-static') {
      let i = 1;
      while (i < w.length && (w[i] as string).startsWith('-') && w[i] !== '--') i++;
      w = w.slice(w[i] === '--' ? i + 1 : i);
    } else if (head === 'gosu' || head === 'su-exec') w = w.slice(2);
    else if (head in RUNNERS) {
      const n = RUNNERS[head] as number;
      if (n === 2 && !['exec', 'run'].includes(w[1] ?? '')) break;
      w = w.slice(n);
      while (w[0] === '--' || (head === 'env' && (w[0] ?? '').startsWith('-'))) w = w.slice(1);
    } else if (/^python(\d+(\.\d+)?)?$/.test(head) && w[1] === '-m') w = w.slice(2);
    else break;
  }
  return w;
}

/** The value of a flag: `--port 80`, `--port=80`, or `-p80` for single-letter flags. */
function flagValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    for (const n of names) {
      if (w === n) return words[i + 1];
      if (w.startsWith(n + '=')) return w.slice(n.length + 1);
      if (n.length === 2 && !n.startsWith('--') && w.startsWith(n) && /^\d+$/.test(w.slice(2)))
        return w.slice(2);
    }
  }
  return undefined;
}

/** A TCP port from `8080`, `:8080`, `0.0.0.0:8080`, `tcp://0.0.0.0:8080` or `[::]:8080`. */
function portOf(value: string | null | undefined): number | null {
  if (!value || value.startsWith('unix:') || value.startsWith('fd://')) return null;
  const m = /(?:^|:)(\d{1,5})$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  return n > 0 && n < 65536 ? n : null;
}

/** Recognises a server in one command's words; `resolve` expands variables the way the command would. */
function serverOf(raw: string[], resolve: (w: string) => string | null): Server | null {
  const words = unwrap(raw);
  const head = basename(words[0] ?? '');
  const rest = words.slice(1);
  const spec = SERVERS[head];
  const value = (names: string[] | undefined): string | null => {
    const v = names ? flagValue(rest, names) : undefined;
    return v === undefined ? null : resolve(v);
  };
  if (spec) {
    const port = portOf(value(spec.port)) ?? portOf(value(spec.bind));
    if (head === 'next' || head === 'nuxt') {
      if (rest[0] !== 'start') return null;
    }
    if (head === 'caddy' && rest[0] !== 'run') return null;
    return { name: head, port, fastcgi: spec.fastcgi === true };
  }
  if (/^php-fpm[\d.]*$/.test(head)) return { name: 'php-fpm', port: null, fastcgi: true };
  if (/^php[\d.]*$/.test(head)) {
    if (rest[0] === '-S') return { name: 'php -S', port: portOf(resolve(rest[1] ?? '')), fastcgi: false };
    if (rest[0] === 'artisan' && rest[1] === 'serve')
      return { name: 'artisan serve', port: portOf(value(['--port'])), fastcgi: false };
    return null;
  }
  if (/^python(\d+(\.\d+)?)?$/.test(head)) {
    const i = rest.findIndex((w) => basename(w) === 'manage.py');
    if (i >= 0 && rest[i + 1] === 'runserver') {
      const addr = rest.slice(i + 2).find((w) => !w.startsWith('-'));
      return { name: 'runserver', port: addr === undefined ? null : portOf(resolve(addr)), fastcgi: false };
    }
    return null;
  }
  if (head === 'flask') {
    if (rest[0] !== 'run') return null;
    return { name: 'flask run', port: portOf(value(['--port', '-p'])), fastcgi: false };
  }
  if (head === 'rails') {
    if (rest[0] !== 's' && rest[0] !== 'server') return null;
    return { name: 'rails server', port: portOf(value(['--port', '-p'])), fastcgi: false };
  }
  if (head === 'streamlit' && rest[0] === 'run')
    return { name: 'streamlit', port: portOf(value(['--server.port'])), fastcgi: false };
  if (head === 'npm' || head === 'yarn' || head === 'pnpm') {
    const script = rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : rest[0];
    if (script === undefined || !/^(start|serve)(:[\w-]+)?$/.test(script)) return null;
    return { name: `${head} ${script}`, port: null, fastcgi: false };
  }
  if (head === 'node' || head === 'nodejs' || head === 'bun' || head === 'deno') {
    const script = rest.find((w) => !w.startsWith('-'));
    if (!script || !/(^|\/)(server|app|main|index)\.[cm]?[jt]s$|server/.test(script)) return null;
    return { name: head, port: null, fastcgi: false };
  }
  if (head === 'java' && rest.includes('-jar')) {
    const prop = rest.find((w) => /^(-D|--)server\.port=/.test(w));
    const port = prop ? portOf(resolve(prop.slice(prop.indexOf('=') + 1))) : null;
    return { name: 'java -jar', port, fastcgi: false };
  }
  return null;
}

/** The CMD and ENTRYPOINT in effect for a stage: setting ENTRYPOINT drops a CMD inherited from before. */
function startup(stage: Stage): { ep?: DInstruction; cmd?: DInstruction } {
  let ep: DInstruction | undefined;
  let cmd: DInstruction | undefined;
  for (const s of stageChain(stage).reverse()) {
    let cmdSet = false;
    for (const ins of s.instructions) {
      if (ins.keyword === 'CMD') {
        cmd = ins;
        cmdSet = true;
      } else if (ins.keyword === 'ENTRYPOINT') {
        ep = ins;
        if (!cmdSet) cmd = undefined;
      }
    }
  }
  return { ep, cmd };
}

interface Invocation {
  words: string[];
  resolve: (w: string) => string | null;
}

/** The commands an instruction runs, each as words. `sh -c "…"` scripts are read as shell. */
function invocations(model: DockerfileModel, ins: DInstruction): Invocation[] {
  // Exec form passes `$PORT` literally; only a shell expands it, from ENV values.
  const literal = (w: string): string | null => (w.includes('$') ? null : w);
  const shellResolve = (w: string): string | null => (w.includes('$') ? resolveAt(model, ins, w) : w);
  if (ins.json) {
    const words = (execWords(model, ins) ?? []).map((w) => w.value);
    const head = basename(words[0] ?? '');
    if (['sh', 'bash', 'ash', 'dash'].includes(head) && words[1] === '-c' && words[2] !== undefined) {
      const script = new TextDoc(words[2]);
      return parseShell(script, 0, words[2].length).commands.map((c) => ({
        words: c.words.slice(c.nameIndex).map((w) => w.value),
        resolve: shellResolve,
      }));
    }
    return [{ words, resolve: literal }];
  }
  return (ins.shell?.commands ?? []).map((c) => ({
    words: c.words.slice(c.nameIndex).map((w) => w.value),
    resolve: shellResolve,
  }));
}

const BASE_PROGRAMS = new Set(['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'apachectl']);

/** Official images whose own default command is an HTTP server on port 80. */
function baseServer(stage: Stage): Server | null {
  const image = rootImage(stage);
  const name = officialName(image);
  const tag = (image?.tag ?? '').toLowerCase();
  if (name === 'nginx' || name === 'httpd')
    return { name: `the ${name} base image`, port: 80, fastcgi: false };
  if (name === 'php' && tag.includes('apache'))
    return { name: 'the php Apache image', port: 80, fastcgi: false };
  if (name === 'php' && tag.includes('fpm')) return { name: 'the php-fpm image', port: null, fastcgi: true };
  return null;
}

/** Copying a server configuration may move the port the base image's server listens on. */
function copiesServerConfig(stage: Stage): boolean {
  return stageChain(stage).some((s) =>
    s.instructions.some(
      (i) =>
        (i.keyword === 'COPY' || i.keyword === 'ADD') &&
        i.args.length > 0 &&
        /^\/(etc\/nginx|usr\/local\/apache2\/conf|etc\/apache2)/.test(i.args[i.args.length - 1]?.value ?? ''),
    ),
  );
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/missing-healthcheck',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  aliases: ['hadolint:DL3057', 'checkov:CKV_DOCKER_2', 'trivy:DS026'],
  fix: 'unsafe',
  messages: {
    missing:
      'The final image {what} but has no HEALTHCHECK, so Docker only knows that the process runs, not that it still answers.',
  },
  docs: {
    summary: 'An image that serves on a port should say how to check that it is healthy.',
    rationale:
      'Without a HEALTHCHECK, `docker ps`, Compose `depends_on: condition: service_healthy`, Swarm and ECS treat a ' +
      'server that is deadlocked or stuck at startup as healthy for as long as its process lives. The rule looks at ' +
      'the final stage (with the stages it is built FROM): it reports when that image serves, that is it EXPOSEs a ' +
      'TCP port, its CMD/ENTRYPOINT starts a known server (uvicorn, gunicorn, hypercorn, daphne, flask run, ' +
      'manage.py runserver, rails server, puma, `npm start`, `node server.js`, `java -jar`, nginx, httpd, php-fpm…) ' +
      'or it keeps the default command of the nginx, httpd or php-fpm base images, and no HEALTHCHECK is set in the ' +
      'stage chain. `HEALTHCHECK NONE` is a deliberate choice and keeps it quiet, as do worker and CLI images that ' +
      'neither expose a port nor start a server. The severity is info because Kubernetes ignores HEALTHCHECK and ' +
      'uses its own probes; base images known to declare a HEALTHCHECK (pihole/pihole, itzg/minecraft-server) ' +
      'are not reported, but other third-party base images are not visible here, so ' +
      'silence the rule for such images. The fix inserts `HEALTHCHECK ' +
      '--interval=30s --timeout=10s --start-period=40s --retries=3` before the CMD, probing `/health` (`/` for the own server of the nginx base image) on the port ' +
      "from the server's command line or EXPOSE with a client the image has: curl, the wget of Alpine/BusyBox, or " +
      'a Python or Node one-liner on python and node images. It changes behaviour: if the application has no ' +
      '`/health` endpoint the container becomes unhealthy, so adjust the path. No fix is offered when the port or a ' +
      'client is unknown, for distroless and scratch images, or for FastCGI servers.',
    bad:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'COPY src ./src\nEXPOSE 8000\nCMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    good:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'COPY src ./src\nEXPOSE 8000\n' +
      'HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 CMD python -c "import urllib.request; ' +
      "urllib.request.urlopen('http://localhost:8000/health', timeout=5)\" || exit 1\n" +
      'CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
  },
  check(ctx) {
    const model = ctx.model;
    const stage = finalStage(model);
    if (!stage) return;
    const chain = stageChain(stage);
    if (chain.some((s) => instructionsOf(s, 'HEALTHCHECK').length > 0)) return;
    // A base image that declares its own HEALTHCHECK (pihole/pihole, itzg/minecraft-server) passes it on.
    const known = wellKnownImage(rootImage(stage)?.name);
    if (known?.ownHealthcheck) return;

    // Does the image serve, and on which port?
    const { ep, cmd } = startup(stage);
    const candidates: Invocation[] = [];
    if (ep) candidates.push(...invocations(model, ep));
    if (cmd) candidates.push(...invocations(model, cmd));
    if (ep?.json && cmd) {
      // ENTRYPOINT ["gunicorn"] with CMD ["--bind", ":8000", "app:app"].
      const epWords = invocations(model, ep);
      const cmdWords = invocations(model, cmd);
      if (epWords.length === 1 && cmdWords.length === 1)
        candidates.push({
          words: [...(epWords[0] as Invocation).words, ...(cmdWords[0] as Invocation).words],
          resolve: (cmdWords[0] as Invocation).resolve,
        });
    }
    const servers = candidates.map((c) => serverOf(c.words, c.resolve)).filter((s): s is Server => !!s);
    const base = baseServer(stage);
    const fromBase = !ep && !cmd ? base : null;
    if (fromBase) servers.push(fromBase);

    const exposes = chain.flatMap((s) => instructionsOf(s, 'EXPOSE'));
    const exposesTcp = exposes.some((e) => e.args.some((a) => !/\/(udp|sctp)$/i.test(a.value)));
    if (servers.length === 0 && !exposesTcp) return;

    const explicitPort = servers.find((s) => s.port !== null && s !== fromBase)?.port ?? null;
    const exposed = exposedPorts(model, stage).find((e) => e.port > 0 && e.port < 65536)?.port ?? null;
    let port = explicitPort ?? exposed;
    // The nginx and httpd images listen on port 80 unless their configuration is replaced.
    const baseListens = fromBase ?? (base && servers.some((s) => BASE_PROGRAMS.has(s.name)) ? base : null);
    if (port === null && baseListens && !copiesServerConfig(stage)) port = baseListens.port;
    const fastcgi = servers.length > 0 && servers.every((s) => s.fastcgi);

    const server = servers[0];
    const what = server
      ? server === fromBase
        ? `runs ${server.name}'s server`
        : `starts ${server.name}`
      : `exposes port ${exposed ?? (exposes[0]?.args[0]?.value as string)}`;

    const kind = fastcgi || port === null ? null : probeKind(model, stage);
    const p = port;
    // The base image's own server has a known endpoint (nginx: its welcome page at `/`, no /health).
    const path =
      baseListens && known?.probe?.kind === 'http' && known.probe.port === p ? known.probe.path : '/health';
    ctx.report({
      at: stage.from.range,
      messageId: 'missing',
      data: { what },
      fix:
        kind && p !== null
          ? () => ({
              title: `Add a HEALTHCHECK that probes ${healthUrl(p, path)} with ${kind} (changes behaviour: the container turns unhealthy if the endpoint is missing)`,
              edits: [
                healthcheckInsertion(model, stage, healthcheckLine(probeCommand(kind, healthUrl(p, path)))),
              ],
            })
          : undefined,
    });
  },
});

/** The client a probe can use in the final image, or null when none is known to be there. */
function probeKind(model: DockerfileModel, stage: Stage): ProbeKind | null {
  if (toolPresence(model, stage, 'curl') === 'yes') return 'curl';
  if (toolPresence(model, stage, 'wget') === 'yes') return 'wget';
  const name = officialName(rootImage(stage));
  if (name === 'python') return 'python';
  if (name === 'node') return 'node';
  return null;
}
