/**
 * The upload form's own token, so that another web site cannot make a trainer's
 * browser post a file to the hub (cross-site request forgery): a browser that
 * has the hub's Basic credentials sends them with any request to the hub, but
 * only a page served by the hub can read the token it carries.
 *
 * The token is an HMAC of the time it was issued. Its key comes from the
 * credentials the request carried, so any hub process sharing the database can
 * check it and nobody without those credentials can make one. A hub without
 * clients (it then listens on loopback only) uses a key of its own instead.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A trainer may leave the page open through a day's workshop. */
export const TOKEN_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Clocks of hub processes sharing a database may differ a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export type TokenCheck = 'ok' | 'expired' | 'invalid';

export class FormTokens {
  private readonly ownKey = randomBytes(32);

  /** The key for a request with this Authorization header (undefined on a hub without clients). */
  private key(authorization: string | undefined): Buffer {
    return authorization === undefined ? this.ownKey : createHash('sha256').update('baraza-upload-form\u0000').update(authorization).digest();
  }

  private mac(key: Buffer, issued: string): Buffer {
    return createHmac('sha256', key).update(`upload\u0000${issued}`).digest();
  }

  issue(authorization: string | undefined, nowMs: number): string {
    const issued = Math.floor(nowMs).toString(36);
    return `${issued}.${this.mac(this.key(authorization), issued).toString('base64url')}`;
  }

  check(authorization: string | undefined, token: string, nowMs: number): TokenCheck {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match?.[1] || !match[2]) return 'invalid';
    const expected = this.mac(this.key(authorization), match[1]);
    if (!timingSafeEqual(expected, Buffer.from(match[2], 'base64url'))) return 'invalid';
    const age = nowMs - parseInt(match[1], 36);
    if (age < -CLOCK_SKEW_MS) return 'invalid';
    return age > TOKEN_MAX_AGE_MS ? 'expired' : 'ok';
  }
}
