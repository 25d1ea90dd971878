import { existsSync } from 'node:fs';

/** Debian's Chromium (CHROMIUM_PATH overrides); undefined when it is not installed. */
export const CHROMIUM: string | undefined = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (p): p is string => !!p && existsSync(p),
);
export const CHROMIUM_INSTALL = 'apt-get install -y chromium';
