/** Signed statements (xAPI Data 2.6) over real HTTP, on each engine: JWS with RS256/384/512, payloads that differ, forged certificates. */
import { createSign, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { attachmentOf, BOUNDARY, filePart, multipartBody, statementWith, type Json } from './attachmentFixture';
import { rawRequest, replyJson, type RawReply } from './rawHttp';
import { TEST_SIGNER_CERT, TEST_SIGNER_KEY } from './signatureFixture';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const DIGEST: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const CERT_DER = new X509Certificate(TEST_SIGNER_CERT).raw.toString('base64');

/** A compact JWS; `payload` is signed as given (a string is signed as it is, so it may be broken JSON). */
function jws(payload: unknown, alg: string, key: KeyObject | string, header: Json = {}): string {
  const signingInput = `${b64url(JSON.stringify({ alg, ...header }))}.${b64url(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
  const digest = DIGEST[alg] ?? 'RSA-SHA256';
  return `${signingInput}.${b64url(createSign(digest).update(signingInput).sign(key))}`;
}

/** The statement with its signature attachment added, and the multipart body carrying both. */
function signed(statement: Json, signature: string, attachment: Json = {}): { statement: Json; body: Buffer } {
  const sent = { ...statement, attachments: [...((statement.attachments as Json[] | undefined) ?? []), attachmentOf(signature, { usageType: SIGNATURE, contentType: 'application/octet-stream', ...attachment })] };
  return { statement: sent, body: multipartBody(sent, [filePart(signature, { 'Content-Type': 'application/octet-stream' })]) };
}

function plain(): Json {
  const s = statementWith([]);
  delete s.attachments;
  return s;
}

describeEachEngine('signed statements', (engine) => {
  let running: RunningHub;
  let otherKey: KeyObject;

  beforeAll(async () => {
    running = await startHub(engine);
    otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  });

  afterAll(async () => {
    await running.stop();
  });

  const post = (body: Buffer): Promise<RawReply> =>
    rawRequest(`${running.base}/xapi/statements`, 'POST', body, { 'X-Experience-API-Version': '2.0.0', 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` });
  const isStored = async (id: unknown): Promise<boolean> => (await rawRequest(`${running.base}/xapi/statements?statementId=${String(id)}`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0' })).status === 200;

  describe('accepted', () => {
    it.each(['RS256', 'RS384', 'RS512'])('a statement signed with %s, and its signature comes back with attachments=true', async (alg) => {
      const s = plain();
      const sig = jws(s, alg, TEST_SIGNER_KEY);
      const { body } = signed(s, sig);
      const reply = await post(body);
      expect(reply.status).toBe(200);
      const back = await rawRequest(`${running.base}/xapi/statements?statementId=${String(s.id)}&attachments=true`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0' });
      expect(back.body.toString('latin1')).toContain(sig);
    });

    it('a signature whose certificate (x5c) verifies it', async () => {
      const s = plain();
      expect((await post(signed(s, jws(s, 'RS256', TEST_SIGNER_KEY, { x5c: [CERT_DER] })).body)).status).toBe(200);
    });

    it('a statement whose result.duration differs from the signed one only past 0.01 s', async () => {
      const s = { ...plain(), result: { duration: 'P1DT12H36M0.12S' } };
      const { body } = signed(s, jws(s, 'RS256', TEST_SIGNER_KEY));
      const longer = Buffer.from(body.toString('latin1').replace('0.12S', '0.1237S'), 'latin1');
      expect((await post(longer)).status).toBe(200);
    });

    it('a signed statement that also carries another attachment the signed payload names', async () => {
      const s = statementWith([attachmentOf('evidence')]);
      const sig = jws(s, 'RS256', TEST_SIGNER_KEY);
      const sent = { ...s, attachments: [...(s.attachments as Json[]), attachmentOf(sig, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] };
      expect((await post(multipartBody(sent, [filePart('evidence'), filePart(sig, { 'Content-Type': 'application/octet-stream' })]))).status).toBe(200);
    });
  });

  describe('refused with 400, nothing stored', () => {
    const cases: [string, RegExp, () => { statement: Json; body: Buffer }][] = [
      ['HS256 instead of an RSA algorithm', /algorithm "HS256"/, () => { const s = plain(); return signed(s, `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(s))}.${b64url('mac')}`); }],
      ['alg "none" and an empty signature', /compact form/, () => { const s = plain(); return signed(s, `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(s))}.`); }],
      ['a payload that is not valid JSON', /payload is not valid JSON/, () => { const s = plain(); return signed(s, jws(JSON.stringify(s).replace('"', "'"), 'RS256', TEST_SIGNER_KEY)); }],
      ['a payload that is another statement', /payload is not this statement/, () => { const s = plain(); return signed(s, jws({ ...s, verb: { id: 'http://example.org/other' } }, 'RS256', TEST_SIGNER_KEY)); }],
      ['a duration that differs within 0.01 s', /payload is not this statement/, () => { const s = { ...plain(), result: { duration: 'PT1.25S' } }; return signed(s, jws({ ...s, result: { duration: 'PT1.24S' } }, 'RS256', TEST_SIGNER_KEY)); }],
      ['a signature that is not a JWS', /compact form/, () => signed(plain(), 'this is not a signature')],
      ['a JWS header that is not JSON', /header that is not a JSON object/, () => { const s = plain(); return signed(s, `${b64url('{alg')}.${b64url(JSON.stringify(s))}.${b64url('x')}`); }],
      ['a signature attachment whose contentType is not application/octet-stream', /application\/octet-stream/, () => { const s = plain(); return signed(s, jws(s, 'RS256', TEST_SIGNER_KEY), { contentType: 'text/plain; charset=ascii' }); }],
      ['an x5c certificate whose key did not sign it', /does not verify/, () => { const s = plain(); return signed(s, jws(s, 'RS256', otherKey, { x5c: [CERT_DER] })); }],
      ['an x5c that is not a certificate', /cannot be read/, () => { const s = plain(); return signed(s, jws(s, 'RS256', TEST_SIGNER_KEY, { x5c: [b64url('garbage')] })); }],
      ['an x5c that is not a list', /not a list of certificates/, () => { const s = plain(); return signed(s, jws(s, 'RS256', TEST_SIGNER_KEY, { x5c: CERT_DER })); }],
      ['a signature payload signed after tampering with the header segment', /does not verify/, () => {
        const s = plain();
        const [, payload, sig] = jws(s, 'RS256', TEST_SIGNER_KEY, { x5c: [CERT_DER] }).split('.');
        return signed(s, `${b64url(JSON.stringify({ alg: 'RS512', x5c: [CERT_DER] }))}.${payload ?? ''}.${sig ?? ''}`);
      }],
    ];
    it.each(cases)('%s', async (_name, reason, make) => {
      const { statement, body } = make();
      const reply = await post(body);
      expect(reply.status).toBe(400);
      expect((replyJson(reply) as Json).error).toMatch(reason);
      expect(await isStored(statement.id)).toBe(false);
    });

    it('a signature attachment given only as a fileUrl', async () => {
      const s = { ...plain(), attachments: [attachmentOf('sig', { usageType: SIGNATURE, contentType: 'application/octet-stream', fileUrl: 'https://example.org/sig' })] };
      const reply = await rawRequest(`${running.base}/xapi/statements`, 'POST', JSON.stringify(s), { 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' });
      expect(reply.status).toBe(400);
      expect((replyJson(reply) as Json).error).toMatch(/must be sent as a part/);
    });
  });
});
