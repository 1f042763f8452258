// Checks the packaged .vsix: only the files the extension needs, under 2 MB, activated only by the languages it
// serves. Prints its size and contents.
//
//   node test/vscode/vsix-sanity.mjs [file.vsix]     (default: $SHIPSHAPE_E2E_VSIX, else `npm run package`)
//
// Exit 0 when it is sane, 1 when it is not (each problem is listed), 2 when there is no .vsix to read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_BYTES = 2 * 1024 * 1024;
const ACTIVATION_EVENTS = new Set(['onLanguage:dockerfile', 'onLanguage:dockercompose', 'onLanguage:yaml']);

/** What may be in the .vsix. vsce renames README.md, CHANGELOG.md and LICENSE to readme.md, changelog.md, LICENSE.txt. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/licen[cs]e(\.txt|\.md)?$/i,
  /^extension\/THIRD_PARTY_NOTICES\.txt$/,
  /^extension\/client\/out\/extension\.js$/,
  /^extension\/server\/out\/(server|cli)\.js$/,
  // esbuild's linked legal comments and an icon, both let through by .vscodeignore.
  /^extension\/(client|server)\/out\/[^/]+\.LEGAL\.txt$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/snippets\/[^/]+\.json$/,
  /^extension\/schemas\/.+/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/client/out/extension.js',
  'extension/server/out/server.js',
  'extension/server/out/cli.js',
  // The .shipshape.yaml schema VS Code's YAML extension reads through `yamlValidation`.
  'extension/schemas/shipshape-config.schema.json',
];

/** The entries of a zip file, from its central directory (no zip64, which a .vsix this small never needs). */
function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({
      name,
      size,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressed);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function findVsix() {
  const arg = process.argv[2] ?? process.env.SHIPSHAPE_E2E_VSIX;
  if (arg) return resolve(arg);
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`vsix-sanity: npm run package failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return join(ROOT, `shipshape-${version}.vsix`);
}

const vsix = findVsix();
if (!existsSync(vsix)) {
  console.error(`vsix-sanity: no .vsix at ${vsix}`);
  process.exit(2);
}
const bytes = statSync(vsix).size;
const entries = readZip(readFileSync(vsix));
const problems = [];

console.log(`${vsix}: ${bytes} bytes (${(bytes / 1024).toFixed(0)} KiB), ${entries.length} files`);
for (const e of entries) {
  const ok = ALLOWED.some((re) => re.test(e.name));
  console.log(`  ${ok ? '   ' : 'NOT'} ${String(e.size).padStart(9)}  ${e.name}`);
  if (!ok) problems.push(`${e.name} should not be in the .vsix (see ALLOWED in test/vscode/vsix-sanity.mjs)`);
}
for (const name of REQUIRED)
  if (!entries.some((e) => e.name === name)) problems.push(`${name} is missing from the .vsix`);
if (bytes > MAX_BYTES) problems.push(`the .vsix is ${bytes} bytes, over the ${MAX_BYTES}-byte (2 MB) limit`);

const manifest = entries.find((e) => e.name === 'extension/package.json');
if (manifest) {
  const pkg = JSON.parse(manifest.read().toString('utf8'));
  const events = pkg.activationEvents ?? [];
  console.log(`activationEvents: ${JSON.stringify(events)}`);
  if (events.length === 0) problems.push('package.json has no activationEvents');
  for (const ev of events)
    if (!ACTIVATION_EVENTS.has(ev))
      problems.push(
        `activation event ${JSON.stringify(ev)} is not one of ${[...ACTIVATION_EVENTS].join(', ')}`,
      );
  const main = `extension/${String(pkg.main ?? '').replace(/^\.\//, '')}`;
  if (!entries.some((e) => e.name === main)) problems.push(`"main" (${pkg.main}) is not in the .vsix`);
  // The marketplace listing: an icon in the package (a 128×128 PNG), a banner, preview while 0.x.
  const icon = entries.find((e) => e.name === `extension/${String(pkg.icon ?? '').replace(/^\.\//, '')}`);
  if (!icon) problems.push(`"icon" (${pkg.icon}) is not in the .vsix`);
  else {
    const png = icon.read();
    const isPng = png.subarray(1, 4).toString('latin1') === 'PNG';
    if (!isPng || png.readUInt32BE(16) !== 128 || png.readUInt32BE(20) !== 128)
      problems.push(`the icon is not a 128×128 PNG`);
  }
  if (!pkg.galleryBanner?.color) problems.push('package.json has no galleryBanner');
  if (String(pkg.version).startsWith('0.') && pkg.preview !== true)
    problems.push('a 0.x release should be marked "preview"');
  for (const k of ['docker', 'dockerfile', 'compose', 'kubernetes', 'k8s', 'hadolint'])
    if (!(pkg.keywords ?? []).includes(k)) problems.push(`keyword ${k} is missing`);
  // Every command the manifest contributes is registered by the client bundle.
  const client =
    entries
      .find((e) => e.name === main)
      ?.read()
      .toString('utf8') ?? '';
  for (const c of pkg.contributes?.commands ?? [])
    if (!client.includes(JSON.stringify(c.command)) && !client.includes(`'${c.command}'`))
      problems.push(`command ${c.command} is contributed but the client never registers it`);
  for (const v of pkg.contributes?.yamlValidation ?? []) {
    const file = `extension/${String(v.url).replace(/^\.\//, '')}`;
    if (!entries.some((e) => e.name === file))
      problems.push(`yamlValidation url ${v.url} is not in the .vsix`);
  }
}

if (problems.length) {
  for (const p of problems) console.error(`vsix-sanity: FAIL: ${p}`);
  process.exit(1);
}
console.log(`vsix-sanity: ok (${(bytes / 1024).toFixed(0)} KiB of the 2048 KiB limit)`);
