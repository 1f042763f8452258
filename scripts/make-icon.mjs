// Renders images/icon.svg to the 128×128 images/icon.png the marketplace shows, with headless Chromium
// (Debian's `chromium`, which the end-to-end test uses too). Run it after editing the SVG and commit both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'images/icon.svg'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'shipshape-icon-'));
const page = join(dir, 'icon.html');
// A page exactly the icon's size, transparent around the rounded corners.
writeFileSync(
  page,
  `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
);
const chromium = process.env.CHROMIUM ?? 'chromium';
execFileSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    '--window-size=128,128',
    `--screenshot=${join(root, 'images/icon.png')}`,
    `file://${page}`,
  ],
  { stdio: 'inherit' },
);
