// Build the site before serving it, unless web/dist is newer than every source it comes from
// (so a second start skips the build).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'functions/domain', 'functions/http', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function buildSiteIfStale(root: string, log: (line: string) => void): Promise<void> {
  const index = join(root, 'web/dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((p) => newest(join(root, p))))) return;
  log('building the site (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
}
