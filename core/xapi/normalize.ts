/**
 * The one form an LRS hands statements back in. xAPI Data 2.4.6.2: "The LRS
 * MUST return every value in the contextActivities Object as an array, even if
 * it arrived as a single Activity Object." Both forms say the same thing, so
 * statements are also compared in this form.
 */
import { isObject, type Json } from './jsonRules';

function withListedContextActivities(context: unknown): unknown {
  if (!isObject(context) || !isObject(context.contextActivities)) return context;
  const lists: Json = {};
  for (const [k, v] of Object.entries(context.contextActivities)) lists[k] = Array.isArray(v) ? v : [v];
  return { ...context, contextActivities: lists };
}

/** A copy with every contextActivities value a list, in the statement and in a SubStatement object; anything else is kept as it is. */
export function normalizeStatement(statement: Json): Json {
  const out: Json = { ...statement };
  if (statement.context !== undefined) out.context = withListedContextActivities(statement.context);
  const object = statement.object;
  if (isObject(object) && object.objectType === 'SubStatement' && object.context !== undefined) {
    out.object = { ...object, context: withListedContextActivities(object.context) };
  }
  return out;
}
