import type { Answers } from '../../core/content/template';
import type { BarazaDb, TemplateResponse } from './database';

export async function listResponses(db: BarazaDb, learnerId: string, templateId: string): Promise<TemplateResponse[]> {
  const rows = await db.templateResponses.where('[learnerId+templateId]').equals([learnerId, templateId]).toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function startResponse(db: BarazaDb, ref: { learnerId: string; packId: string; templateId: string; name: string }): Promise<TemplateResponse> {
  const now = new Date().toISOString();
  const row: TemplateResponse = { id: crypto.randomUUID(), ...ref, answers: {}, createdAt: now, updatedAt: now };
  await db.templateResponses.add(row);
  return row;
}

/** Only the learner's own rows: another profile's id in a URL finds nothing. */
export async function getResponse(db: BarazaDb, learnerId: string, id: string): Promise<TemplateResponse | undefined> {
  const row = await db.templateResponses.get(id);
  return row?.learnerId === learnerId ? row : undefined;
}

export async function saveAnswers(db: BarazaDb, id: string, answers: Answers, name?: string): Promise<void> {
  await db.templateResponses.update(id, { answers, ...(name !== undefined ? { name } : {}), updatedAt: new Date().toISOString() });
}

export async function deleteResponse(db: BarazaDb, id: string): Promise<TemplateResponse | undefined> {
  return db.transaction('rw', db.templateResponses, async () => {
    const row = await db.templateResponses.get(id);
    await db.templateResponses.delete(id);
    return row;
  });
}

/** Puts back a deleted response (the undo after a delete). */
export async function restoreResponse(db: BarazaDb, row: TemplateResponse): Promise<void> {
  await db.templateResponses.put(row);
}
