import packageJson from '../package.json';

/** This build's version, compared with a pack's minAppVersion. */
export const APP_VERSION: string = packageJson.version;
