// Bundles the language server, the CLI and the extension client with esbuild. Everything the server
// and CLI need is embedded: nothing reads node_modules at run time.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

// The vendored Kubernetes schemas are 1.2 MB, mostly field descriptions the validator never reads:
// bundle them without descriptions (about 270 KB), so the server and CLI stay small.
const stripSchemaDescriptions = {
  name: 'strip-schema-descriptions',
  setup(b) {
    b.onLoad({ filter: /[\\/]schemas[\\/]kubernetes-[^\\/]*\.json$/ }, (args) => {
      const strip = (v) =>
        Array.isArray(v)
          ? v.map(strip)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .filter(([k]) => k !== 'description')
                  .map(([k, x]) => [k, strip(x)]),
              )
            : v;
      return { contents: JSON.stringify(strip(JSON.parse(readFileSync(args.path, 'utf8')))), loader: 'json' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: false,
  minify: process.argv.includes('--minify'),
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [stripSchemaDescriptions],
};

// `--cli-out FILE`: only the CLI, to FILE (scripts/pack-cli.mjs makes the npm package from it).
const cliOut = process.argv.includes('--cli-out')
  ? process.argv[process.argv.indexOf('--cli-out') + 1]
  : undefined;
if (cliOut) {
  await build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: cliOut,
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(cliOut, 0o755);
  process.exit(0);
}

await Promise.all([
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    external: ['vscode'],
  }),
]);
chmodSync('server/out/cli.js', 0o755);
