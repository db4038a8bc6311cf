/**
 * The desktop entry point. It only wires Electron to the modules beside it:
 * security settings, the two protocols, the host channel and the window.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, type OpenDialogOptions } from 'electron';
import type { PackSource } from '../core/host';
import { openLibrary } from '../services/packs/library';
import { HOST_CHANNEL } from './channel';
import { createHostHandlers } from './handlers';
import { createIpcListener, isTrustedSender } from './ipc';
import { createAppHandler, createPackHandler, PRIVILEGED_SCHEMES } from './protocols';
import { APP_INDEX_URL, hardenApp, hardenSession, secureWebPreferences } from './security';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, trackWindowState, WINDOW_STATE_FILE } from './windowState';

// Tests and side-by-side profiles pass --user-data-dir; it must apply before the
// single-instance lock, which lives in that folder.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
hardenApp(app);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Baraza could not start', `${String(err)}\n\nReinstall Baraza, or send this message to whoever gave you the app.`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  // Bundled packs are installed into the user's store on first start and when the app brings newer ones.
  const { library, bundled } = await openLibrary({ dataDir: app.getPath('userData'), bundleDir: join(appPath, 'dist'), appVersion: app.getVersion() });
  for (const b of bundled.filter((x) => x.outcome === 'failed')) console.error(`bundled pack ${b.file} was not installed: ${b.detail ?? ''}`);
  hardenSession(session.defaultSession);
  protocol.handle('app', createAppHandler(join(appPath, 'dist', 'renderer')));
  protocol.handle('pack', createPackHandler(library.resolve));
  const handlers = createHostHandlers({ library, appVersion: app.getVersion(), platform: process.platform, choosePackFiles: () => choosePackFiles(), chooseExportFolder: () => chooseFolder('Export pack to…'), chooseBundleFolder: () => chooseFolder('Save learning records to…') });
  ipcMain.handle(HOST_CHANNEL, createIpcListener(handlers, isTrustedSender));
  await openMainWindow();
}

async function choosePackFiles(): Promise<PackSource[]> {
  const options: OpenDialogOptions = { properties: ['openFile', 'multiSelections'], filters: [{ name: 'Baraza packs', extensions: ['baraza'] }] };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths.map((path) => ({ kind: 'file' as const, path }));
}

async function chooseFolder(title: string): Promise<string | null> {
  const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'], title };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function openMainWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  // Primary display first: a window whose saved place is gone opens there.
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const state = loadWindowState(stateFile, workAreas);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Baraza',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  trackWindowState(win, stateFile);
  await win.loadURL(APP_INDEX_URL);
}
