/** Attachment content no statement names is removed, over real HTTP and storage, on each engine; named content never is. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { attachmentOf, BOUNDARY, filePart, multipartBody, sha256, statementWith, type Json, type Part } from './attachmentFixture';
import { sweepAttachments } from './attachmentSweep';
import { rawRequest } from './rawHttp';

/** Every content counts as received long ago, as if the grace had passed. */
const PAST_GRACE = -60 * 60_000;

describeEachEngine('removing attachment content no statement names', (engine) => {
  let running: RunningHub;

  beforeEach(async () => {
    running = await startHub(engine);
  });

  afterEach(async () => {
    await running.stop();
  });

  const post = async (statements: readonly Json[], parts: readonly Part[]): Promise<number> =>
    (await rawRequest(`${running.base}/xapi/statements`, 'POST', multipartBody(statements, parts), { 'X-Experience-API-Version': '2.0.0', 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` })).status;
  const kept = async (...contents: string[]): Promise<boolean[]> => {
    const stored = new Set((await running.hub.storage.attachments.get(contents.map((c) => sha256(c)))).map((a) => a.sha2));
    return contents.map((c) => stored.has(sha256(c)));
  };

  it('removes the parts of a refused batch once the grace has passed, and keeps what statements name', async () => {
    const first = statementWith([attachmentOf('named')]);
    expect(await post([first], [filePart('named')])).toBe(200);
    // The same id with another verb: the batch is refused after its parts were stored.
    const clash = { ...statementWith([attachmentOf('refused')]), id: first.id, verb: { id: 'http://example.org/other' } };
    expect(await post([clash], [filePart('refused')])).toBe(409);
    expect(await kept('named', 'refused')).toEqual([true, true]);

    // Content stored a moment ago may belong to a request still storing its statements.
    expect(await sweepAttachments(running.config)).toEqual({ scanned: 1, removed: 0 });
    expect(await kept('named', 'refused')).toEqual([true, true]);

    expect(await sweepAttachments(running.config, PAST_GRACE)).toEqual({ scanned: 0, removed: 1 });
    expect(await kept('named', 'refused')).toEqual([true, false]);
    const served = await rawRequest(`${running.base}/xapi/statements?statementId=${String(first.id)}&attachments=true`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0' });
    expect(served.body.toString('latin1')).toContain('named');
  });

  it('keeps content named by a SubStatement, under an upper-case hash, or only in a later statement', async () => {
    const { id: _innerId, ...inner } = statementWith([attachmentOf('inner')]);
    const { attachments: _none, ...plain } = statementWith([]);
    const outer = { ...plain, object: { ...inner, objectType: 'SubStatement' } };
    const upper = statementWith([attachmentOf('upper', { sha2: sha256('upper').toUpperCase() })]);
    expect(await post([outer, upper], [filePart('inner'), filePart('upper')])).toBe(200);
    expect(await sweepAttachments(running.config, PAST_GRACE)).toEqual({ scanned: 2, removed: 0 });

    // Refused first, named later: only the statements stored since the last sweep are read again.
    const clash = { ...statementWith([attachmentOf('later')]), id: upper.id };
    expect(await post([clash], [filePart('later')])).toBe(409);
    expect(await post([statementWith([attachmentOf('later')])], [filePart('later')])).toBe(200);
    expect(await sweepAttachments(running.config, PAST_GRACE)).toEqual({ scanned: 1, removed: 0 });
    expect(await kept('inner', 'upper', 'later')).toEqual([true, true, true]);
  });

  it('two sweeps at once (two hub processes) remove each content once, and neither fails', async () => {
    const first = statementWith([attachmentOf('named')]);
    expect(await post([first], [filePart('named')])).toBe(200);
    expect(await post([{ ...statementWith([attachmentOf('refused')]), id: first.id }], [filePart('refused')])).toBe(409);
    const both = await Promise.all([sweepAttachments(running.config, PAST_GRACE), sweepAttachments(running.config, PAST_GRACE)]);
    expect(both.reduce((n, r) => n + r.removed, 0)).toBe(1);
    expect(await kept('named', 'refused')).toEqual([true, false]);
  });
});
