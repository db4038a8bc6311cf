import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer, Answers } from '../../core/content/template';
import type { TemplateResponse } from '../db/database';
import { getResponse, saveAnswers } from '../db/templateResponses';
import { useApp } from './AppContext';

export type SaveState = { status: 'saved'; at: string } | { status: 'saving' } | { status: 'failed'; message: string };

const SAVE_DELAY_MS = 400;

/**
 * One filled-in template, saved as the learner types: changes are written after a
 * short pause and at once when the screen closes, so nothing typed is lost.
 */
export function useResponse(responseId: string): {
  response: TemplateResponse | null | undefined;
  setAnswer: (fieldId: string, answer: Answer) => void;
  rename: (name: string) => void;
  save: SaveState;
} {
  const { db, profile } = useApp();
  const [response, setResponse] = useState<TemplateResponse | null | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ status: 'saved', at: '' });
  const pending = useRef<{ answers: Answers; name: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void getResponse(db, profile.id, responseId).then((row) => {
      if (!live) return;
      setResponse(row ?? null);
      if (row) setSave({ status: 'saved', at: row.updatedAt });
    });
    return () => {
      live = false;
    };
  }, [db, profile.id, responseId]);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    try {
      await saveAnswers(db, responseId, next.answers, next.name);
      setSave({ status: 'saved', at: new Date().toISOString() });
    } catch (err) {
      // Keep the unsaved answers so the next change or closing the screen tries again.
      pending.current ??= next;
      setSave({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, [db, responseId]);

  useEffect(() => () => void flush(), [flush]);

  const change = useCallback(
    (update: (r: TemplateResponse) => TemplateResponse) => {
      setResponse((current) => {
        if (!current) return current;
        const next = update(current);
        pending.current = { answers: next.answers, name: next.name };
        return next;
      });
      setSave({ status: 'saving' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  const setAnswer = useCallback((fieldId: string, answer: Answer) => change((r) => ({ ...r, answers: { ...r.answers, [fieldId]: answer } })), [change]);
  const rename = useCallback((name: string) => change((r) => ({ ...r, name })), [change]);
  return { response, setAnswer, rename, save };
}
