export declare const NETWORK_CODES: ReadonlySet<string>;
export declare function classifyDownloadFailure(
  error: unknown,
  seen?: unknown[],
): { offline: boolean; reason: string };
