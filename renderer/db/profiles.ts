import type { BarazaDb, Profile, TextSize } from './database';

const CURRENT = 'currentProfileId';

export async function createProfile(db: BarazaDb, input: { name: string; language: string; textSize?: TextSize }): Promise<Profile> {
  const now = new Date().toISOString();
  const profile: Profile = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    language: input.language,
    textSize: input.textSize ?? 'medium',
    createdAt: now,
    lastActiveAt: now,
  };
  await db.transaction('rw', db.profiles, db.settings, async () => {
    await db.profiles.add(profile);
    await db.settings.put({ key: CURRENT, value: profile.id });
  });
  return profile;
}

export async function currentProfileId(db: BarazaDb): Promise<string | undefined> {
  return (await db.settings.get(CURRENT))?.value;
}

export async function switchProfile(db: BarazaDb, id: string): Promise<void> {
  await db.transaction('rw', db.profiles, db.settings, async () => {
    await db.profiles.update(id, { lastActiveAt: new Date().toISOString() });
    await db.settings.put({ key: CURRENT, value: id });
  });
}

export async function signOut(db: BarazaDb): Promise<void> {
  await db.settings.delete(CURRENT);
}

export async function updateProfile(db: BarazaDb, id: string, changes: Partial<Pick<Profile, 'name' | 'language' | 'textSize'>>): Promise<void> {
  await db.profiles.update(id, { ...changes, ...(changes.name !== undefined ? { name: changes.name.trim() } : {}) });
}

/** Removes a profile with everything recorded for it on this device. */
export async function deleteProfile(db: BarazaDb, id: string): Promise<void> {
  await db.transaction('rw', [db.profiles, db.statements, db.outbox, db.positions, db.templateResponses, db.settings], async () => {
    await db.outbox.bulkDelete(await db.statements.where('learnerId').equals(id).primaryKeys());
    await db.statements.where('learnerId').equals(id).delete();
    await db.positions.where('learnerId').equals(id).delete();
    await db.templateResponses.where('learnerId').equals(id).delete();
    await db.profiles.delete(id);
    if ((await db.settings.get(CURRENT))?.value === id) await db.settings.delete(CURRENT);
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function isValidPin(pin: string): boolean {
  return /^\d{4}$/.test(pin);
}

export async function setPin(db: BarazaDb, id: string, pin: string | null): Promise<void> {
  if (pin === null) {
    await db.profiles.where('id').equals(id).modify((p) => {
      delete p.pinHash;
      delete p.pinSalt;
    });
    return;
  }
  if (!isValidPin(pin)) throw new Error('A PIN is exactly four digits');
  const salt = crypto.randomUUID();
  await db.profiles.update(id, { pinSalt: salt, pinHash: await sha256Hex(salt + pin) });
}

export async function checkPin(profile: Profile, pin: string): Promise<boolean> {
  if (!profile.pinHash || !profile.pinSalt) return true;
  return (await sha256Hex(profile.pinSalt + pin)) === profile.pinHash;
}
