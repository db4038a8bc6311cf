/**
 * Schema version 3: filled-in assessment templates, one row per assessment a
 * learner starts (several per template are normal: one per system assessed).
 * Never edit after release.
 */
export const version = 3;

export const stores = {
  templateResponses: 'id, [learnerId+templateId], learnerId',
};
