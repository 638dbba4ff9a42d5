import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root: the nearest folder above this file holding pnpm-workspace.yaml. The same
 *  answer from `src/` under tsx or jest and from the bundled `dist/main.js`. */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`huijia: no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(__dirname);
export const migrationsDir = path.join(projectRoot, 'migrations');
export const webBuildDir = path.join(projectRoot, 'miniapp', 'dist', 'h5');
