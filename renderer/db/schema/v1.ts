/** Schema version 1: profiles, the statement outbox, and app settings. Never edit after release. */
export const version = 1;

export const stores = {
  profiles: 'id, createdAt',
  // Every learning event, as an xAPI statement. `synced` (0/1) is the outbox index that sync drains.
  statements: 'id, learnerId, [learnerId+timestamp], synced',
  settings: 'key',
};
