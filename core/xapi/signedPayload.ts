/**
 * Signed statements (xAPI Data 2.6): the JWS payload is the statement as it was
 * before its signature attachment was added. Checking the JWS itself needs a
 * crypto library and lives in the hub; this is the comparison alone.
 */
import { isObject, type Json } from './jsonRules';
import { sameStatement } from './validate';

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

/** 9274.1.1 §4.2.7: durations are compared to 0.01 s; further digits of the seconds are cut, not rounded. */
function truncatedDuration(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/(\d+\.\d{2})\d+S$/, '$1S') : value;
}

function comparable(statement: Json): Json {
  const out: Json = { ...statement };
  const attachments = Array.isArray(statement.attachments) ? statement.attachments.filter((a) => !(isObject(a) && a.usageType === SIGNATURE_USAGE)) : statement.attachments;
  // An empty list says no more than a missing one.
  if (Array.isArray(attachments) && attachments.length === 0) delete out.attachments;
  else if (attachments !== undefined) out.attachments = attachments;
  if (isObject(statement.result) && statement.result.duration !== undefined) out.result = { ...statement.result, duration: truncatedDuration(statement.result.duration) };
  if (isObject(statement.object) && statement.object.objectType === 'SubStatement') out.object = comparable(statement.object);
  return out;
}

/** Whether a JWS payload is the statement it signs (signature attachments and LRS-set properties left out). */
export function matchesSignedPayload(statement: Json, payload: unknown): boolean {
  return isObject(payload) && sameStatement(comparable(statement), comparable(payload));
}
