/** A real xAPI client library from npm, @xapi/xapi, against the hub: send, query, page with more, void. */
import XAPI, { type Statement } from '@xapi/xapi';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';

const actor = { objectType: 'Agent' as const, name: 'Amina', account: { homePage: 'https://baraza.invalid/learners', name: 'client-test' } };

function statement(i: number): Statement {
  return {
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: `https://baraza.invalid/xapi/activities/p/modules/m/sections/s${i}` },
  };
}

describeEachEngine('@xapi/xapi against the hub', (engine) => {
  let running: RunningHub;
  let xapi: XAPI;

  beforeAll(async () => {
    running = await startHub(engine);
    xapi = new XAPI({ endpoint: `${running.base}/xapi/` });
  });

  afterAll(async () => {
    await running.stop();
  });

  it('reads About', async () => {
    expect((await xapi.getAbout()).data.version).toContain('2.0.0');
  });

  it('sends statements, queries them, pages with more, and voids one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await xapi.sendStatement({ statement: statement(i) })).data);
    ids.push(...(await xapi.sendStatements({ statements: [statement(5), statement(6)] })).data);
    expect(ids).toHaveLength(7);

    const first = await xapi.getStatements({ agent: actor, limit: 3, ascending: true });
    const seen = first.data.statements.map((s) => s.id);
    let more = first.data.more;
    while (more) {
      const next = (await xapi.getMoreStatements({ more })).data;
      // Without attachments the reply is a plain statement result.
      if (!('statements' in next)) throw new Error('expected a statement result');
      seen.push(...next.statements.map((s) => s.id));
      more = next.more;
    }
    expect(seen).toEqual(ids);

    await xapi.voidStatement({ actor, statementId: ids[0] ?? '' });
    const voided = await xapi.getVoidedStatement({ voidedStatementId: ids[0] ?? '' });
    expect(voided.data.id).toBe(ids[0]);
    await expect(xapi.getStatement({ statementId: ids[0] ?? '' })).rejects.toMatchObject({ response: { status: 404 } });
    const after = await xapi.getStatements({ agent: actor, limit: 100 });
    expect(after.data.statements.map((s) => s.id)).not.toContain(ids[0]);
  });
});
