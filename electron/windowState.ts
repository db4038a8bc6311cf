/**
 * Remembers where the window was. The file lives in userData and is treated as
 * hostile: anything malformed falls back to defaults, and a saved position is
 * dropped when no current display would show the window's title bar.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BrowserWindow } from 'electron';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: WindowBounds;
  readonly maximized: boolean;
}

export interface WorkArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 480;
export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1200, height: 800 }, maximized: false };

const MAX_SIDE = 16384;
const MAX_COORD = 100_000;
const MAX_FILE_CHARS = 4096;
/** The strip at the top that must stay on screen so the window can still be dragged. */
const TITLE_BAR = 32;
const MIN_VISIBLE_WIDTH = 100;
/** Windows places snapped windows a few pixels outside the work area. */
const EDGE_SLACK = 16;

export function parseWindowState(text: string): WindowState | null {
  if (text.length > MAX_FILE_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const root = fieldsOf(value);
  const bounds = fieldsOf(root?.get('bounds'));
  const maximized = root?.get('maximized');
  if (!bounds || typeof maximized !== 'boolean') return null;
  const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((k) => bounds.get(k));
  if (!isInt(width, MIN_WIDTH, MAX_SIDE) || !isInt(height, MIN_HEIGHT, MAX_SIDE)) return null;
  if (x === undefined && y === undefined) return { bounds: { width, height }, maximized };
  if (!isInt(x, -MAX_COORD, MAX_COORD) || !isInt(y, -MAX_COORD, MAX_COORD)) return null;
  return { bounds: { x, y, width, height }, maximized };
}

/**
 * Fits saved bounds to today's displays (a projector may be gone since the last
 * workshop). `workAreas[0]` is the primary display, where an unplaced window goes.
 */
export function placeOnDisplays(state: WindowState, workAreas: readonly WorkArea[]): WindowState {
  const { x, y } = state.bounds;
  const home = x !== undefined && y !== undefined ? workAreas.find((a) => titleBarVisible(x, y, state.bounds.width, a)) : undefined;
  const area = home ?? workAreas[0];
  const width = area ? Math.max(MIN_WIDTH, Math.min(state.bounds.width, area.width)) : state.bounds.width;
  const height = area ? Math.max(MIN_HEIGHT, Math.min(state.bounds.height, area.height)) : state.bounds.height;
  const bounds = home && x !== undefined && y !== undefined ? { x, y, width, height } : { width, height };
  return { bounds, maximized: state.maximized };
}

function titleBarVisible(x: number, y: number, width: number, area: WorkArea): boolean {
  const visibleWidth = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
  return visibleWidth >= MIN_VISIBLE_WIDTH && y >= area.y - EDGE_SLACK && y + TITLE_BAR <= area.y + area.height;
}

export function loadWindowState(file: string, workAreas: readonly WorkArea[]): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return placeOnDisplays(DEFAULT_WINDOW_STATE, workAreas);
  }
  return placeOnDisplays(parseWindowState(text) ?? DEFAULT_WINDOW_STATE, workAreas);
}

/**
 * Written synchronously, through a temporary file and a rename: it is a few bytes,
 * it must finish while the window closes, and a crash mid-write must not leave half a file.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, file);
  } catch (err) {
    // Losing the window position is harmless; failing to close the window is not.
    console.warn(`Could not save the window position to ${file}:`, err);
  }
}

export interface Debounced {
  /** Runs the action once, `delayMs` after the last call. */
  schedule(): void;
  /** Runs the action now and drops any pending run. */
  now(): void;
}

export function debounce(action: () => void, delayMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    action();
  };
  return { now, schedule: () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(now, delayMs);
  } };
}

/** Saves the window's normal (unmaximized) bounds while it is moved or resized, and once more as it closes. */
export function trackWindowState(win: BrowserWindow, file: string, delayMs = 500): void {
  const save = debounce(() => {
    if (!win.isDestroyed()) saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  }, delayMs);
  win.on('resize', save.schedule);
  win.on('move', save.schedule);
  win.on('maximize', save.schedule);
  win.on('unmaximize', save.schedule);
  win.on('close', save.now);
}

function fieldsOf(value: unknown): Map<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? new Map<string, unknown>(Object.entries(value)) : null;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
