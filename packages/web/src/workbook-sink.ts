/// <reference lib="webworker" />
import { XLSX_MEDIA_TYPE } from '@sne-toolbox/extraction';
import { concatBytes } from '@sne-toolbox/zip-reader';

// Where a conversion's worker puts the workbook as it is written, best first:
// - the file the agent chose in Chromium's save dialog (File System Access), written in place;
// - a file of the origin's private storage (OPFS), where the browser allows it (Firefox ESR from
//   file://; Chromium refuses it there), handed to the page as a File on disk;
// - a Blob made of ~4 MB Blobs as they come (Chromium from file://, when no file was chosen). Tried
//   and dropped: the pieces stored in IndexedDB, which Chromium allows from file://; the browser
//   process grew by 270 MB instead of 134 MB at 1M rows. That was measured in a driven browser's
//   default context, which keeps its storage in memory, and not again on a profile on disk.
// Nothing leaves the machine in any case.

/** The size of the pieces the workbook is written or kept in. */
const PIECE_BYTES = 4 << 20;

/** The folder of the private storage that holds the workbooks of the page. */
export const OPFS_FOLDER = 'classeurs';

/** Where the bytes go, and what the page gets at the end: the workbook, or nothing when it was saved in place. */
export interface WorkbookSink {
  readonly kind: 'chosen-file' | 'private-storage' | 'memory';
  write(chunk: Uint8Array<ArrayBuffer>): Promise<void> | void;
  /** Ends the workbook: the File or Blob to download, or null when written to the chosen file. */
  finish(): Promise<Blob | null>;
  /** Drops what was written (an error, a cancel): nothing half-written is left as a workbook. */
  discard(): Promise<void>;
}

/**
 * The agent's chosen file, written through a writable stream (kept as a swap file until `close`), in
 * pieces of about 4 MB: one piece is written while the next is gathered, so at most two are held.
 * Awaiting each of the zip's smaller pieces in turn made 1M rows 10 s slower in Chromium.
 */
async function chosenFileSink(handle: FileSystemFileHandle): Promise<WorkbookSink> {
  const writer = (await handle.createWritable()).getWriter();
  const gathered = pieces();
  // The piece being written; its failure (a full disk) is thrown by the next send, or by finish.
  let writing: Promise<void> = Promise.resolve();
  const send = async (piece: Uint8Array<ArrayBuffer>[]) => {
    await writing;
    if (!piece.length) return;
    writing = writer.write(concatBytes(piece));
    writing.catch(() => undefined); // Awaited by the next send or by finish.
  };
  return {
    kind: 'chosen-file',
    write: async (chunk) => {
      const piece = gathered.add(chunk);
      if (piece) await send(piece);
    },
    finish: async () => {
      await send(gathered.rest());
      await writing;
      await writer.close();
      return null;
    },
    // After a failed write, Chromium has already closed the swap file: the chosen file is untouched.
    discard: () => writer.abort().catch(() => {}),
  };
}

/**
 * A file of the private storage, written with a synchronous handle (workers only). Its name is the
 * page's (`storedName`): the page can remove it whenever the conversion stops, even before the
 * worker has said that it opened it.
 */
async function privateStorageSink(name: string): Promise<WorkbookSink> {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle(OPFS_FOLDER, { create: true });
  const handle = await folder.getFileHandle(name, { create: true });
  let access: FileSystemSyncAccessHandle;
  try {
    access = await handle.createSyncAccessHandle();
  } catch (error) {
    await folder.removeEntry(name).catch(() => {});
    throw error;
  }
  let at = 0;
  return {
    kind: 'private-storage',
    write: (chunk) => {
      const written = access.write(chunk, { at });
      if (written !== chunk.byteLength) throw new DOMException('écriture incomplète', 'QuotaExceededError');
      at += written;
    },
    finish: async () => {
      access.flush();
      access.close();
      const file = await handle.getFile();
      return new Blob([file], { type: XLSX_MEDIA_TYPE });
    },
    discard: async () => {
      access.close();
      await folder.removeEntry(name).catch(() => {});
    },
  };
}

/** Chunks gathered into pieces of about 4 MB: `add` gives a piece's chunks once it is full, `rest` the last ones. */
function pieces() {
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const rest = () => {
    const piece = pending;
    pending = [];
    size = 0;
    return piece;
  };
  return {
    add: (chunk: Uint8Array<ArrayBuffer>) => {
      pending.push(chunk);
      size += chunk.byteLength;
      return size >= PIECE_BYTES ? rest() : undefined;
    },
    rest,
  };
}

/** Pieces of about 4 MB become Blobs as they come; the workbook is the Blob of those, never one array copied at the end. */
function memorySink(): WorkbookSink {
  const parts: Blob[] = [];
  const gathered = pieces();
  return {
    kind: 'memory',
    write: (chunk) => {
      const piece = gathered.add(chunk);
      if (piece) parts.push(new Blob(piece));
    },
    finish: async () => new Blob([...parts, new Blob(gathered.rest())], { type: XLSX_MEDIA_TYPE }),
    discard: async () => {
      parts.length = 0;
      gathered.rest();
    },
  };
}

/** The best sink this browser allows: the chosen file if any, else the private storage, else memory. */
export async function openSink(chosen: FileSystemFileHandle | undefined, storedName: string): Promise<WorkbookSink> {
  if (chosen) return chosenFileSink(chosen);
  try {
    if (typeof navigator.storage?.getDirectory === 'function') return await privateStorageSink(storedName);
  } catch {
    // SecurityError (Chromium from file://), no sync handles: the next way.
  }
  return memorySink();
}

async function storageFolder(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(OPFS_FOLDER);
}

/**
 * Removes one workbook from the private storage: a cancelled conversion's (its worker is ended, so its
 * file may stay locked for a moment: tried again for up to 2 s), or one whose box was replaced.
 */
export async function removeStored(name: string): Promise<void> {
  let folder: FileSystemDirectoryHandle;
  try {
    folder = await storageFolder();
  } catch {
    return; // No private storage here (Chromium from file://, plain http), or nothing written in it.
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await folder.removeEntry(name);
      return;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotFoundError') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const LOCK_PREFIX = 'sne-toolbox-page-';

/** Random hex, made without `crypto.randomUUID`, which a page served over plain http does not have. */
function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This page's name for the workbooks it writes into the private storage. */
const PAGE_OWNER = randomHex();

/** The name of a new workbook of this page in the private storage: `<page>.<id>.xlsx`. */
export function storedWorkbookName(): string {
  return `${PAGE_OWNER}.${randomHex()}.xlsx`;
}

let claimed = false;

/**
 * Claims this page's workbooks in the private storage: a Web Lock named after the page, held while it
 * is open, tells another tab that opens the page that these files are in use (their download links
 * read them), so that its cleaning keeps them. Taken when the first workbook goes there, not when the
 * page opens: a held lock keeps the page out of the back/forward cache, so only a page with such a
 * workbook (Firefox) pays for it. That workbook's file is locked by its writer until it is complete,
 * long after this lock is granted.
 */
export function claimStoredWorkbooks(): void {
  if (claimed || !navigator.locks) return;
  claimed = true;
  navigator.locks.request(LOCK_PREFIX + PAGE_OWNER, () => new Promise<never>(() => {})).catch(() => {
    // No lock (an opaque origin): this page's workbooks are then protected only while being written.
    claimed = false;
  });
}

/** The owners of the pages open now, or undefined where the browser has no Web Locks. */
async function openPages(): Promise<Set<string> | undefined> {
  if (!navigator.locks) return undefined;
  const { held = [] } = await navigator.locks.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(LOCK_PREFIX) ? [lock.name.slice(LOCK_PREFIX.length)] : [])));
}

/**
 * Removes the workbooks that earlier visits left in the private storage (a finished workbook stays
 * there while its page is open: the download, and « Télécharger de nouveau », read it). Called when
 * the page opens. The files of a page still open in another tab are kept; where the browser has no
 * Web Locks, every file goes but those a running conversion holds locked.
 */
export async function cleanPrivateStorage(): Promise<void> {
  try {
    const folder = await storageFolder();
    // Listed first, then removed: removing while the folder is being iterated may skip entries. The
    // open pages are asked after the listing: a page that wrote a file listed here holds its lock by then.
    const names: string[] = [];
    for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    // Where the browser has Web Locks but cannot answer (the query fails), nothing is removed: a file
    // kept is better than another tab's workbook lost.
    const open = await openPages();
    for (const name of names) {
      if (open?.has(name.split('.')[0]!)) continue;
      await folder.removeEntry(name).catch(() => {});
    }
  } catch {
    // No private storage here (Chromium from file://), nothing in it, or no answer on the open pages.
  }
}

