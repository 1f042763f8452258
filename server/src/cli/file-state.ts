import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';

/**
 * The content hash of files the cache depends on, without reading files that did not change: a file whose
 * size, modification and change times and inode are those recorded beside its hash has that hash (like
 * git's index, or ESLint's `--cache-strategy metadata` backed by content). Touching a file without changing
 * it costs a read and still hits; an edit always changes the change time (ctime), which no tool sets back.
 *
 * The one blind spot of metadata is an edit within the file system's timestamp granularity of the moment
 * the metadata was taken ("racy git"): a stamp is only recorded for a file whose times are older than the
 * run's start by RACY_MS, so any later write gives it other times. A file changed moments ago is hashed on
 * every run until it has been left alone that long.
 */
export const RACY_MS = 3000;

/** size, mtimeMs, ctimeMs, ino, sha1 of the bytes. */
export type Stamp = [number, number, number, number, string];

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Where stamps are kept between runs (the cache's file records). */
export interface StampStore {
  get(abs: string): Stamp | undefined;
  set(abs: string, stamp: Stamp): void;
  delete(abs: string): boolean;
}

export class FileStates {
  private readonly stamps: StampStore;
  private readonly hashes = new Map<string, string | null>();
  private readonly sizes = new Map<string, number>();
  /** A stamp was recorded, changed or dropped: the cache file is worth writing. */
  changed = false;

  /** `now`: the run's start, before any file was looked at (tests pass a later time). */
  constructor(
    saved: StampStore | undefined,
    private readonly now = Date.now(),
  ) {
    this.stamps = saved ?? new Map<string, Stamp>();
  }

  /** sha1 of an absolute path's bytes, or null when it is not a readable file; asked once per run. */
  hash(abs: string): string | null {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      let st: Stats | undefined;
      try {
        st = statSync(abs, { throwIfNoEntry: false });
      } catch {
        st = undefined;
      }
      h = st?.isFile() ? this.hashOfFile(abs, st) : null;
      if (h === null && this.stamps.delete(abs)) this.changed = true;
      this.hashes.set(abs, h);
    }
    return h;
  }

  /** Whether the run asked for the file's hash (a file it did not ask about may be gone). */
  seen(abs: string): boolean {
    return this.hashes.has(abs);
  }

  /** The size of a file the run hashed (`hash` then answers without a look at it), else undefined. */
  sizeOf(abs: string): number | undefined {
    return this.sizes.get(abs);
  }

  /** The hash of a regular file whose stats (`stat` or `lstat`, taken before reading) are given. */
  hashOfFile(abs: string, st: Stats): string | null {
    const known = this.hashes.get(abs);
    if (known !== undefined) return known;
    const s = this.stamps.get(abs);
    if (s && s[0] === st.size && s[1] === st.mtimeMs && s[2] === st.ctimeMs && s[3] === st.ino) {
      this.hashes.set(abs, s[4]);
      this.sizes.set(abs, st.size);
      return s[4];
    }
    let h: string | null;
    try {
      const bytes = readFileSync(abs);
      h = sha1(bytes);
      this.sizes.set(abs, bytes.length);
    } catch {
      h = null;
    }
    this.hashes.set(abs, h);
    if (h !== null && Math.max(st.mtimeMs, st.ctimeMs) < this.now - RACY_MS) {
      this.stamps.set(abs, [st.size, st.mtimeMs, st.ctimeMs, st.ino, h]);
      this.changed = true;
    } else if (s) {
      this.stamps.delete(abs);
      this.changed = true;
    }
    return h;
  }
}
