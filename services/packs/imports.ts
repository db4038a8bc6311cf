/**
 * Installs that run while the UI polls for progress. Jobs live in memory: an
 * install is atomic, so a job lost with the process leaves nothing half done.
 */
import { randomUUID } from 'node:crypto';
import type { ImportJob, PackProblem } from '../../core/host';
import { itemChanges } from '../../core/pack/changes';
import { PackError } from './errors';
import type { PackStore } from './store';

const KEEP_FINISHED = 50;

export function toProblem(err: unknown): PackProblem {
  if (err instanceof PackError) return { code: err.code, detail: err.message, ...(err.keyId ? { keyId: err.keyId } : {}) };
  return { code: 'unreadable', detail: err instanceof Error ? err.message : String(err) };
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  start(store: PackStore, file: string, cleanup?: () => Promise<void>): string {
    const id = randomUUID();
    this.jobs.set(id, { id, state: 'running', done: 0, total: 0 });
    const update = (job: ImportJob): void => void this.jobs.set(id, job);
    void store
      .install(file, (done, total) => update({ id, state: 'running', done, total }))
      .then(
        (result) => {
          const total = result.pack.bytes;
          update({
            id,
            state: 'done',
            done: total,
            total,
            result: {
              packId: result.pack.manifest.id,
              version: result.pack.manifest.version,
              previousVersion: result.previous?.version ?? null,
              modules: itemChanges(result.previous, result.pack.manifest),
            },
          });
        },
        (err: unknown) => update({ id, state: 'failed', done: 0, total: 0, problem: toProblem(err) }),
      )
      .finally(() => {
        void cleanup?.();
        this.forgetOld();
      });
    return id;
  }

  get(id: string): ImportJob | null {
    return this.jobs.get(id) ?? null;
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}
