import Dexie, { type EntityTable } from 'dexie';
import type { Statement } from '../../core/xapi/statement';
import * as v1 from './schema/v1';
import * as v2 from './schema/v2';
import * as v3 from './schema/v3';
import * as v4 from './schema/v4';
import type { Answers } from '../../core/content/template';

export type TextSize = 'small' | 'medium' | 'large' | 'x-large';
export const TEXT_SIZES: readonly TextSize[] = ['small', 'medium', 'large', 'x-large'];

export interface Profile {
  id: string;
  name: string;
  language: string;
  textSize: TextSize;
  /** SHA-256 of salt + PIN. The PIN keeps colleagues apart on a shared laptop; it is not encryption. */
  pinHash?: string;
  pinSalt?: string;
  createdAt: string;
  lastActiveAt: string;
}

export interface StatementRow {
  id: string;
  learnerId: string;
  timestamp: string;
  statement: Statement;
}

/** A statement no hub has confirmed yet; the row goes when one does. */
export interface OutboxRow {
  id: string;
  learnerId: string;
  timestamp: string;
}

export interface Setting {
  key: string;
  value: string;
}

export interface ReaderPosition {
  learnerId: string;
  packId: string;
  moduleId: string;
  sectionId: string;
  scrollTop: number;
  updatedAt: string;
}

/** One assessment a learner fills in with a template; the app saves it as they type. */
export interface TemplateResponse {
  id: string;
  learnerId: string;
  packId: string;
  templateId: string;
  /** What the learner calls it, usually the system assessed. */
  name: string;
  answers: Answers;
  createdAt: string;
  updatedAt: string;
}

export type BarazaDb = Dexie & {
  profiles: EntityTable<Profile, 'id'>;
  statements: EntityTable<StatementRow, 'id'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  positions: Dexie.Table<ReaderPosition, [string, string]>;
  templateResponses: EntityTable<TemplateResponse, 'id'>;
};

export const DB_NAME = 'baraza';

/** Every schema version in order; each lives in its own file under schema/ and is never edited. */
export function openDatabase(name = DB_NAME, upTo = v4.version): BarazaDb {
  const db = new Dexie(name) as BarazaDb;
  db.version(v1.version).stores(v1.stores);
  if (upTo >= v2.version) db.version(v2.version).stores(v2.stores).upgrade(v2.upgrade);
  if (upTo >= v3.version) db.version(v3.version).stores(v3.stores);
  if (upTo >= v4.version) db.version(v4.version).stores(v4.stores).upgrade(v4.upgrade);
  return db;
}
