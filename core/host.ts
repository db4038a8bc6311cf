/**
 * The one contract between the renderer and whatever hosts it.
 *
 * Electron implements it over IPC (electron/ipc.ts), the web host over HTTP
 * (hub/webHost.ts). The renderer never learns which one it talks to beyond
 * `AppInfo.capabilities`.
 */

import type { PackManifest } from './pack/manifest';

export type HostKind = 'electron' | 'web';

export interface HostCapabilities {
  /** The host can show a native "save as" dialog and write the file itself. */
  readonly nativeFileDialogs: boolean;
  /** The host can print the current window to a PDF file. */
  readonly printToPdf: boolean;
  /** The host can look for packs on USB sticks and memory cards. */
  readonly removableDrives: boolean;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  readonly platform: string;
  /** Where pack files are fetched from: `pack://` under Electron, `/packs/` over HTTP. */
  readonly packBaseUrl: string;
  readonly capabilities: HostCapabilities;
}

/** An installed pack as the Packs screen lists it: what its manifest says, and its place on disk. */
export interface PackSummary extends Pick<PackManifest, 'id' | 'version' | 'title' | 'description' | 'languages' | 'publisher'> {
  /** Bytes on disk once installed. */
  readonly bytes: number;
  readonly installedAt: string;
}

/** A pack file the host can read: a path on this computer (desktop), or a file uploaded to the web host. */
export type PackSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'upload'; readonly uploadId: string };

/** Why a pack was refused: a stable code the UI words in the learner's language, and a technical detail. */
export interface PackProblem {
  readonly code: string;
  readonly detail: string;
  /** For an untrusted key: its id, so the person can ask the publisher for that key. */
  readonly keyId?: string;
}

export interface PackCandidate {
  readonly source: PackSource;
  /** File name as the person would recognise it. */
  readonly name: string;
  readonly bytes: number;
  /** Present when the pack verified. */
  readonly pack?: Pick<PackManifest, 'id' | 'version' | 'title' | 'publisher'>;
  readonly installedVersion: number | null;
  readonly problem?: PackProblem;
}

export interface ItemChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export interface ImportJob {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly result?: { readonly packId: string; readonly version: number; readonly previousVersion: number | null; readonly modules: ItemChanges };
  readonly problem?: PackProblem;
}

export interface DriveScan {
  /** How many removable drives were looked at. */
  readonly drives: number;
  readonly candidates: readonly PackCandidate[];
  /** Set when the scan stopped early: too many files, or it took too long. */
  readonly stopped: 'max-files' | 'time-budget' | null;
}

export type ExportResult = { readonly saved: false } | { readonly saved: true; readonly location: string; readonly bytes: number };

export interface TrustedKeyInfo {
  readonly keyId: string;
  readonly fingerprint: string;
  readonly source: 'bundled' | 'user';
}

export interface HostApi {
  appInfo(): Promise<AppInfo>;
  listPacks(): Promise<PackSummary[]>;
  /** Desktop: a file dialog for .baraza files; empty when cancelled. The web host answers 'unsupported'. */
  choosePackFiles(): Promise<PackSource[]>;
  /** Verifies a pack file without installing it. */
  inspectPack(source: PackSource): Promise<PackCandidate>;
  /** Starts installing; poll importJob for progress and the outcome. */
  startImport(source: PackSource): Promise<string>;
  importJob(jobId: string): Promise<ImportJob>;
  removePack(packId: string): Promise<void>;
  /** Desktop: finds .baraza files on mounted removable drives and inspects each. */
  scanDrives(): Promise<DriveScan>;
  /** Desktop: asks for a folder or drive, writes the installed pack there as a .baraza file, and checks the copy. */
  exportPack(packId: string): Promise<ExportResult>;
  /**
   * Desktop: asks for a folder or drive, writes a sync bundle (core/sync/bundle.ts) there
   * under `fileName` (or `-2`, `-3`… beside an earlier one) and checks the copy.
   * The web host answers 'unsupported': the browser saves the file itself.
   */
  saveSyncBundle(fileName: string, text: string): Promise<ExportResult>;
  listTrustedKeys(): Promise<TrustedKeyInfo[]>;
  /** Reads a public key (the text of a publisher's .pub file) and shows its fingerprint, without trusting it. */
  describeKey(publicKeyText: string): Promise<TrustedKeyInfo>;
  trustKey(publicKeyText: string): Promise<TrustedKeyInfo>;
}

/** What the Electron preload exposes: the host contract, plus the path of a file the person dropped or picked. */
export interface DesktopBridge extends HostApi {
  pathForFile(file: File): string;
}

export type HostMethod = keyof HostApi;
export type HostArgs<K extends HostMethod> = Parameters<HostApi[K]>;
export type HostValue<K extends HostMethod> = Awaited<ReturnType<HostApi[K]>>;

/** A host error that crosses the IPC or HTTP boundary: a stable code plus a developer message. */
export interface HostError {
  readonly code: HostErrorCode;
  readonly message: string;
}

export type HostErrorCode = 'unknown-method' | 'bad-arguments' | 'forbidden' | 'not-found' | 'unsupported' | 'failed';

export type HostReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

// Spelled as an object so the compiler refuses a method missing from the list.
const METHODS = {
  appInfo: true,
  listPacks: true,
  choosePackFiles: true,
  inspectPack: true,
  startImport: true,
  importJob: true,
  removePack: true,
  scanDrives: true,
  exportPack: true,
  saveSyncBundle: true,
  listTrustedKeys: true,
  describeKey: true,
  trustKey: true,
} satisfies Record<HostMethod, true>;

export const HOST_METHODS = Object.keys(METHODS) as HostMethod[];

export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && (HOST_METHODS as readonly string[]).includes(name);
}

/** The handlers a host implements: the same shape as HostApi, checked against it. */
export type HostHandlers = { [K in HostMethod]: (...args: HostArgs<K>) => Promise<HostValue<K>> };

/** Runs one call against a host's handlers and folds any failure into a reply; never throws. */
export async function dispatchHostCall(handlers: HostHandlers, method: unknown, args: unknown): Promise<HostReply<unknown>> {
  if (!isHostMethod(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `No host method named ${String(method)}` } };
  }
  if (!Array.isArray(args)) {
    return { ok: false, error: { code: 'bad-arguments', message: 'Arguments must be an array' } };
  }
  try {
    const handler = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...args) };
  } catch (err) {
    if (err instanceof HostCallError) return { ok: false, error: { code: err.code, message: err.message } };
    return { ok: false, error: { code: 'failed', message: err instanceof Error ? err.message : String(err) } };
  }
}

export class HostCallError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostCallError';
  }
}

/** Unwraps a reply on the calling side, turning an error reply back into a thrown HostCallError. */
export function unwrapHostReply<T>(reply: HostReply<T>): T {
  if (reply.ok) return reply.value;
  throw new HostCallError(reply.error.code, reply.error.message);
}

const ENCODED_ERROR = 'baraza-host-error:';

/**
 * Electron's contextBridge passes only an error's message into the page, so the
 * preload carries the code inside it and the renderer takes it out again.
 */
export function encodeHostError(error: HostError): Error {
  return new Error(`${ENCODED_ERROR}${JSON.stringify(error)}`);
}

export function decodeHostError(err: unknown): unknown {
  const message = err instanceof Error ? err.message : '';
  const at = message.indexOf(ENCODED_ERROR);
  if (at === -1) return err;
  try {
    const { code, message: text } = JSON.parse(message.slice(at + ENCODED_ERROR.length)) as HostError;
    return new HostCallError(code, text);
  } catch {
    return err;
  }
}
