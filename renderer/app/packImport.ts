import { useCallback, useRef, useState } from 'react';
import type { ImportJob, PackCandidate, PackSource } from '../../core/host';
import { host, sourceForFile } from '../host';

export interface CandidateRow {
  readonly key: string;
  readonly candidate: PackCandidate | null;
  /** Upload progress (web host) before the candidate is known. */
  readonly uploading?: { sent: number; total: number };
  readonly job?: ImportJob;
  readonly error?: string;
}

const POLL_MS = 150;

/** Packs the person is about to install: inspect each, install on request, follow progress. */
export function usePackImport(onInstalled: () => void): {
  rows: CandidateRow[];
  addSources: (sources: PackSource[]) => void;
  addCandidates: (candidates: readonly PackCandidate[]) => void;
  addFiles: (files: File[]) => void;
  install: (key: string) => void;
  reinspect: () => void;
  clear: () => void;
} {
  const [rows, setRows] = useState<CandidateRow[]>([]);
  const counter = useRef(0);
  const update = useCallback((key: string, change: Partial<CandidateRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r))), []);

  const inspect = useCallback(
    (key: string, source: PackSource) => {
      host.inspectPack(source).then(
        (candidate) => update(key, { candidate, error: undefined }),
        (err: unknown) => update(key, { error: err instanceof Error ? err.message : String(err) }),
      );
    },
    [update],
  );

  const addSources = useCallback(
    (sources: PackSource[]) => {
      const added = sources.map((source) => ({ key: `c${counter.current++}`, source }));
      setRows((list) => [...list, ...added.map(({ key }) => ({ key, candidate: null }))]);
      for (const { key, source } of added) inspect(key, source);
    },
    [inspect],
  );

  const addCandidates = useCallback((candidates: readonly PackCandidate[]) => {
    setRows((list) => [...list, ...candidates.map((candidate) => ({ key: `c${counter.current++}`, candidate }))]);
  }, []);

  const addFiles = useCallback(
    (files: File[]) => {
      for (const file of files) {
        const key = `c${counter.current++}`;
        setRows((list) => [...list, { key, candidate: null, uploading: { sent: 0, total: file.size } }]);
        sourceForFile(file, (sent, total) => update(key, { uploading: { sent, total } })).then(
          (source) => {
            update(key, { uploading: undefined });
            inspect(key, source);
          },
          (err: unknown) => update(key, { uploading: undefined, error: err instanceof Error ? err.message : String(err) }),
        );
      }
    },
    [inspect, update],
  );

  const install = useCallback(
    (key: string) => {
      const row = rows.find((r) => r.key === key);
      if (!row?.candidate) return;
      host.startImport(row.candidate.source).then(
        (jobId) => {
          const poll = (): void => {
            host.importJob(jobId).then(
              (job) => {
                update(key, { job });
                if (job.state === 'running') window.setTimeout(poll, POLL_MS);
                else if (job.state === 'done') onInstalled();
              },
              (err: unknown) => update(key, { error: err instanceof Error ? err.message : String(err) }),
            );
          };
          poll();
        },
        (err: unknown) => update(key, { error: err instanceof Error ? err.message : String(err) }),
      );
    },
    [rows, update, onInstalled],
  );

  const reinspect = useCallback(() => {
    for (const row of rows) if (row.candidate && !row.job) inspect(row.key, row.candidate.source);
  }, [rows, inspect]);

  return { rows, addSources, addCandidates, addFiles, install, reinspect, clear: () => setRows([]) };
}
