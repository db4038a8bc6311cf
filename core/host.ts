/**
 * The one contract between the renderer and whatever hosts it.
 *
 * Electron implements it over IPC (electron/ipc.ts), the web host over HTTP
 * (hub/webHost.ts). The renderer never learns which one it talks to beyond
 * `AppInfo.capabilities`.
 */

export type HostKind = 'electron' | 'web';

export interface HostCapabilities {
  /** The host can show a native "save as" dialog and write the file itself. */
  readonly nativeFileDialogs: boolean;
  /** The host can print the current window to a PDF file. */
  readonly printToPdf: boolean;
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

export interface PackSummary {
  readonly id: string;
  readonly version: number;
  readonly title: Readonly<Record<string, string>>;
  readonly languages: readonly string[];
}

export interface HostApi {
  appInfo(): Promise<AppInfo>;
  listPacks(): Promise<PackSummary[]>;
}

export type HostMethod = keyof HostApi;
export type HostArgs<K extends HostMethod> = Parameters<HostApi[K]>;
export type HostValue<K extends HostMethod> = Awaited<ReturnType<HostApi[K]>>;

/** A host error that crosses the IPC or HTTP boundary: a stable code plus a developer message. */
export interface HostError {
  readonly code: HostErrorCode;
  readonly message: string;
}

export type HostErrorCode = 'unknown-method' | 'bad-arguments' | 'forbidden' | 'not-found' | 'failed';

export type HostReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

export const HOST_METHODS: readonly HostMethod[] = ['appInfo', 'listPacks'];

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
