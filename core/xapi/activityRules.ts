/** Activities and their definitions, interaction activities included (xAPI Data 2.4.4.1). */
import { allowed, extensions, fail, iri, languageMap, list, object, text } from './jsonRules';

const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
/** Properties that only make sense for an interaction, so they need an interactionType. */
const INTERACTION_PROPERTIES = ['correctResponsesPattern', ...COMPONENT_LISTS] as const;
const DEFINITION_PROPERTIES = ['name', 'description', 'type', 'moreInfo', 'interactionType', ...INTERACTION_PROPERTIES, 'extensions'];

/** A list of interaction components: each an id and an optional description, the ids distinct. */
function components(v: unknown, path: string): void {
  const seen = new Set<string>();
  list(v, path).forEach((item, i) => {
    const c = object(item, `${path}[${i}]`);
    allowed(c, `${path}[${i}]`, ['id', 'description']);
    const id = text(c.id, `${path}[${i}].id`);
    if (id === '') fail(`${path}[${i}].id`, 'must not be empty');
    if (seen.has(id)) fail(`${path}[${i}].id`, `repeats the id ${JSON.stringify(id)}; the ids in one list must differ`);
    seen.add(id);
    if (c.description !== undefined) languageMap(c.description, `${path}[${i}].description`);
  });
}

export function activity(v: unknown, path: string): void {
  const a = object(v, path);
  allowed(a, path, ['objectType', 'id', 'definition']);
  if (a.objectType !== undefined && a.objectType !== 'Activity') fail(`${path}.objectType`, 'must be Activity');
  iri(a.id, `${path}.id`);
  if (a.definition === undefined) return;
  const at = `${path}.definition`;
  const d = object(a.definition, at);
  allowed(d, at, DEFINITION_PROPERTIES);
  if (d.name !== undefined) languageMap(d.name, `${at}.name`);
  if (d.description !== undefined) languageMap(d.description, `${at}.description`);
  if (d.type !== undefined) iri(d.type, `${at}.type`);
  if (d.moreInfo !== undefined) iri(d.moreInfo, `${at}.moreInfo`);
  if (d.extensions !== undefined) extensions(d.extensions, `${at}.extensions`);
  if (d.interactionType !== undefined && (typeof d.interactionType !== 'string' || !INTERACTION_TYPES.includes(d.interactionType))) {
    fail(`${at}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
  }
  // `some` first: most definitions have none of these, and the list is only needed for the message.
  if (d.interactionType === undefined && INTERACTION_PROPERTIES.some((k) => d[k] !== undefined)) {
    fail(`${at}.interactionType`, `is required when the definition has ${INTERACTION_PROPERTIES.filter((k) => d[k] !== undefined).join(', ')}`);
  }
  if (d.correctResponsesPattern !== undefined) list(d.correctResponsesPattern, `${at}.correctResponsesPattern`).forEach((p, i) => text(p, `${at}.correctResponsesPattern[${i}]`));
  for (const name of COMPONENT_LISTS) if (d[name] !== undefined) components(d[name], `${at}.${name}`);
}
