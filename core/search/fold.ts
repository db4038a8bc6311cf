/**
 * Folding for search: the same function runs when the index is built and when a
 * learner types, so "résumé", "RESUME" and "resume" meet, and so do Arabic words
 * written with or without short vowels (tashkeel) or with different alef forms.
 */

const ALEF_FORMS = /[\u0622\u0623\u0625\u0671-\u0673]/g;

export function foldText(text: string): string {
  return (
    text
      // Decomposing splits accents (é = e + ´) and hamza/madda off alef (أ = ا + ٔ);
      // dropping every combining mark then removes them, and Arabic tashkeel with them.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\u0640/g, '') // tatweel, the stretching stroke, is a letter modifier rather than a mark
      .replace(ALEF_FORMS, '\u0627')
      .replace(/\u0649/g, '\u064a') // alef maqsura is searched as ya
      .replace(/\u0629/g, '\u0647') // ta marbuta is searched as ha
      .normalize('NFC')
      .toLowerCase()
  );
}

/** Words of a text, in any script: runs of letters and digits. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}
