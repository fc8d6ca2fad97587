// Whether a module is the process's entry point (`node src/api/server.ts`). `import.meta.main`
// only exists from Node 24.2; the engines range starts earlier.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}
