/** Child processes the bench starts (the server, the bare baseline) and stops. */
import type { ChildProcess } from 'node:child_process';

/** How long a child has to exit after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/** SIGTERM, then SIGKILL after the grace period; resolves once the child has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
