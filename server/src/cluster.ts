import cluster, { type Worker } from 'node:cluster';

/**
 * One API process per core (node:cluster): the primary only supervises; each worker opens its own
 * pool and serves. Workers share the port (the primary hands connections out in turn), and the
 * first one also runs the jobs (the deadline sweep, the figures' refresh), so they run once; a
 * worker that dies is started again in its place.
 */
interface WorkerMessage {
  listening: string;
}

/** What a worker is told by the primary, through its environment. */
const WORKER_ROLE = 'HUIJIA_WORKER_RUNS_JOBS';

export function isWorker(): boolean {
  return cluster.isWorker;
}

/** Whether this process runs the jobs: a single process does, and the first worker. */
export function runsJobs(): boolean {
  return !cluster.isWorker || process.env[WORKER_ROLE] === '1';
}

/** Tells the primary this worker listens at `url`. */
export function reportListening(url: string): void {
  process.send?.({ listening: url } satisfies WorkerMessage);
}

/**
 * Starts `count` workers and keeps them running; resolves with the address once every worker
 * listens. SIGTERM and SIGINT stop the workers (each finishes its requests) and then the primary.
 */
export function superviseWorkers(count: number, log: (line: string) => void): Promise<string> {
  let started = false;
  let stopping = false;
  const start = (runsJobs: boolean): void => {
    const worker = cluster.fork({ [WORKER_ROLE]: runsJobs ? '1' : '0' });
    worker.on('exit', (code, signal) => {
      if (!started || stopping) return;
      log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      start(runsJobs);
    });
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      worker.process.kill('SIGTERM');
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  return new Promise((resolve, reject) => {
    let listening = 0;
    cluster.on('message', (_worker, message: Partial<WorkerMessage>) => {
      if (typeof message.listening !== 'string' || started) return;
      listening += 1;
      if (listening === count) {
        started = true;
        resolve(message.listening);
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      if (!started && !stopping) reject(new Error(`worker ${worker.process.pid} exited while starting (${signal ?? code})`));
    });
    for (let i = 0; i < count; i++) start(i === 0);
  });
}
