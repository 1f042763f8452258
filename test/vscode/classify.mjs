// Decides whether an error thrown while @vscode/test-electron downloaded VS Code means "no network" (the runner
// then skips the suite and exits 0) or anything else (the runner fails). Only errors from the download step are
// ever passed here; a failure to build, compile, launch or pass the suite never reaches this function.

/** Socket and DNS error codes that mean the machine cannot reach the server (or any server). */
export const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
]);

/** Hosts @vscode/test-electron talks to: the update service, which redirects to the CDN. */
const DOWNLOAD_HOST =
  /(^|\.)(update\.code\.visualstudio\.com|vscode-cdn\.net|vo\.msecnd\.net|download\.prss\.microsoft\.com)$/i;

/** What @vscode/test-electron's own request timeout says (request.js, TimeoutError). */
const TIMEOUT_MESSAGE = /^@vscode\/test-electron request timeout/;

/** What its retry loop throws after the last attempt, dropping the cause (download.js). */
const GAVE_UP_MESSAGE = /^Failed to download and unzip VS Code /;

function networkReason(e) {
  if (!e || typeof e !== 'object') return undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && NETWORK_CODES.has(code)) {
    const host = typeof e.hostname === 'string' ? e.hostname : undefined;
    // DNS failures name the host: it must be one of VS Code's. Connection errors (to a proxy, say) may not.
    if (host && !DOWNLOAD_HOST.test(host)) return undefined;
    return `${code}${host ? ` ${host}` : ''}${e.syscall ? ` (${e.syscall})` : ''}`;
  }
  if (typeof e.message === 'string' && TIMEOUT_MESSAGE.test(e.message)) return e.message;
  return undefined;
}

/** The error and its `cause` chain. */
function chain(e) {
  const out = [];
  for (let x = e, i = 0; x && i < 10; x = x.cause, i++) out.push(x);
  return out;
}

/**
 * @param {unknown} error what downloadAndUnzipVSCode rejected with
 * @param {unknown[]} seen errors its progress reporter was shown before that (retries, the final error)
 * @returns {{ offline: boolean, reason: string }}
 */
export function classifyDownloadFailure(error, seen = []) {
  const describe = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  const direct = chain(error).map(networkReason).find(Boolean);
  if (direct) return { offline: true, reason: direct };
  // "Failed to download and unzip VS Code x" is only a network failure when every attempt failed on the network.
  if (error instanceof Error && GAVE_UP_MESSAGE.test(error.message) && seen.length > 0) {
    const reasons = seen.map((e) => chain(e).map(networkReason).find(Boolean));
    if (reasons.every(Boolean)) return { offline: true, reason: `${error.message}: ${reasons.at(-1)}` };
  }
  return { offline: false, reason: describe(error) };
}
