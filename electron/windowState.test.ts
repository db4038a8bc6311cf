import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  debounce,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  parseWindowState,
  placeOnDisplays,
  saveWindowState,
  type WindowState,
  type WorkArea,
} from './windowState';

const LAPTOP: WorkArea = { x: 0, y: 0, width: 1366, height: 728 };
const PROJECTOR: WorkArea = { x: 1366, y: 0, width: 1920, height: 1040 };
const saved = (x: number, y: number, width = 1000, height = 700): WindowState => ({ bounds: { x, y, width, height }, maximized: false });

describe('parseWindowState', () => {
  it('reads a state it wrote', () => {
    expect(parseWindowState(JSON.stringify(saved(10, 20)))).toEqual(saved(10, 20));
    expect(parseWindowState('{"bounds":{"width":800,"height":600},"maximized":true}')).toEqual({ bounds: { width: 800, height: 600 }, maximized: true });
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"bounds":{"x":1'],
    ['null', 'null'],
    ['an array', '[1,2,3]'],
    ['a string', '"big"'],
    ['no bounds', '{"maximized":false}'],
    ['bounds null', '{"bounds":null,"maximized":false}'],
    ['bounds an array', '{"bounds":[0,0,800,600],"maximized":false}'],
    ['no maximized', '{"bounds":{"width":800,"height":600}}'],
    ['maximized a string', '{"bounds":{"width":800,"height":600},"maximized":"yes"}'],
    ['width a string', '{"bounds":{"width":"800","height":600},"maximized":false}'],
    ['infinite width', '{"bounds":{"width":1e400,"height":600},"maximized":false}'],
    ['huge width', '{"bounds":{"width":100000000,"height":600},"maximized":false}'],
    ['negative height', '{"bounds":{"width":800,"height":-600},"maximized":false}'],
    ['tiny window', '{"bounds":{"width":1,"height":1},"maximized":false}'],
    ['fractional size', '{"bounds":{"width":800.5,"height":600},"maximized":false}'],
    ['x without y', '{"bounds":{"x":10,"width":800,"height":600},"maximized":false}'],
    ['y null', '{"bounds":{"x":10,"y":null,"width":800,"height":600},"maximized":false}'],
    ['far-away x', '{"bounds":{"x":-9999999,"y":0,"width":800,"height":600},"maximized":false}'],
    ['inherited fields only', '{"__proto__":{"bounds":{"width":800,"height":600},"maximized":false}}'],
    ['an oversized file', `{"bounds":{"width":800,"height":600},"maximized":false,"pad":"${'x'.repeat(10_000)}"}`],
  ])('refuses %s', (_what, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('placeOnDisplays', () => {
  it('keeps a window that is on screen', () => {
    expect(placeOnDisplays(saved(100, 50), [LAPTOP])).toEqual(saved(100, 50));
  });

  it('keeps a window on a second display while it is still connected', () => {
    expect(placeOnDisplays(saved(1500, 100), [LAPTOP, PROJECTOR])).toEqual(saved(1500, 100));
  });

  it('drops the position when the projector it was on is gone', () => {
    expect(placeOnDisplays(saved(1500, 100), [LAPTOP])).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
  });

  it.each([
    ['far right', 5000, 100],
    ['far left', -3000, 100],
    ['only a sliver on screen', 1366 - 40, 100],
    ['title bar above the screen', 100, -300],
    ['below the screen', 100, 720],
  ])('drops the position of a window %s', (_where, x, y) => {
    expect(placeOnDisplays(saved(x, y), [LAPTOP]).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('allows the few pixels Windows puts a snapped window outside the work area', () => {
    expect(placeOnDisplays(saved(-7, -7), [LAPTOP]).bounds).toMatchObject({ x: -7, y: -7 });
  });

  it('shrinks a window larger than its display, but not below the minimum', () => {
    expect(placeOnDisplays(saved(0, 0, 3840, 2160), [LAPTOP]).bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    const tiny: WorkArea = { x: 0, y: 0, width: 320, height: 240 };
    expect(placeOnDisplays(DEFAULT_WINDOW_STATE, [tiny]).bounds).toEqual({ width: 640, height: 480 });
  });

  it('leaves the state alone when no display is known', () => {
    expect(placeOnDisplays(saved(5000, 5000), [])).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
  });
});

describe('loading and saving', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baraza-window-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('falls back to the defaults when there is no file', () => {
    expect(loadWindowState(join(dir, 'none.json'), [LAPTOP])).toEqual({ bounds: { width: 1200, height: 728 }, maximized: false });
  });

  it('falls back to the defaults when the file is corrupt or a folder', async () => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, '\u0000\u0001garbage{{{');
    expect(loadWindowState(file, [PROJECTOR])).toEqual(DEFAULT_WINDOW_STATE);
    expect(loadWindowState(dir, [PROJECTOR])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('reads back what it saved, leaving no temporary file', async () => {
    const file = join(dir, 'window-state.json');
    const state: WindowState = { bounds: { x: 40, y: 30, width: 900, height: 650 }, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file, [LAPTOP])).toEqual(state);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('survives a folder it cannot write to', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    saveWindowState(join(dir, 'no', 'such', 'dir', 'state.json'), DEFAULT_WINDOW_STATE);
    expect(warn).toHaveBeenCalledOnce();
    expect(existsSync(join(dir, 'no'))).toBe(false);
    warn.mockRestore();
  });
});

describe('debounce', () => {
  it('runs once after a burst of resize events, and at once on close', () => {
    vi.useFakeTimers();
    try {
      const action = vi.fn();
      const save = debounce(action, 500);
      for (let i = 0; i < 20; i++) save.schedule();
      vi.advanceTimersByTime(499);
      expect(action).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(action).toHaveBeenCalledTimes(1);
      save.schedule();
      save.now();
      expect(action).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1000);
      expect(action).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
