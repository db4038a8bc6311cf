/** The multipart/mixed reader and writer on their own: the shapes RFC 2046 allows and the ones a hostile client sends. */
import { describe, expect, it } from 'vitest';
import { HttpError } from './httpIo';
import { encodeMultipart, MAX_PARTS, multipartBoundary, parseMediaType, parseMultipart } from './multipart';

const text = (s: string): Buffer => Buffer.from(s, 'latin1');

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('multipartBoundary', () => {
  it('reads a plain or quoted boundary', () => {
    expect(multipartBoundary('multipart/mixed; boundary=abc')).toBe('abc');
    expect(multipartBoundary('Multipart/Mixed; charset=x; BOUNDARY="a b:c"')).toBe('a b:c');
    expect(parseMediaType(' MULTIPART/mixed ;boundary=x').type).toBe('multipart/mixed');
  });

  it.each(['multipart/mixed', 'multipart/mixed; boundary=', 'multipart/mixed; boundary="ends in space "', `multipart/mixed; boundary=${'a'.repeat(71)}`, 'multipart/mixed; boundary=a\u0000b', 'multipart/mixed; boundary=a{b}'])('refuses %j', (type) => {
    expect(refusal(() => multipartBoundary(type))).toMatch(/boundary/);
  });
});

describe('parseMultipart', () => {
  it('reads parts with a preamble, an epilogue, transport padding and a part without headers', () => {
    const parts = parseMultipart(text('preamble\r\n--b  \r\nContent-Type: a/b\r\nX-Y:z\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\nepilogue'), 'b');
    expect(parts.map((p) => p.body.toString())).toEqual(['one', 'two']);
    expect(parts[0]?.headers.get('content-type')).toBe('a/b');
    expect(parts[0]?.headers.get('x-y')).toBe('z');
    expect(parts[1]?.headers.size).toBe(0);
  });

  it('keeps the boundary inside content when no line break comes before it', () => {
    const [part] = parseMultipart(text('--b\r\n\r\nx--b y\r\n--b--'), 'b');
    expect(part?.body.toString()).toBe('x--b y');
  });

  it.each([
    ['no boundary at all', 'just text', /does not contain its boundary/],
    ['no closing boundary', '--b\r\n\r\npart', /cut short/],
    ['cut inside the headers', '--b\r\nContent-Type: a', /cut short/],
    ['headers without a blank line', '--b\r\nContent-Type: a\r\n--b--', /no blank line/],
    ['a header line without a name', '--b\r\n: x\r\n\r\ny\r\n--b--', /without a name/],
    ['a line in content that starts with the delimiter (RFC 2046 forbids it)', '--b\r\n\r\nx\r\n--bb\r\n--b--', /line break/],
    ['bare LF line breaks', '--b\nContent-Type: a\n\nx\n--b--', /line break/],
  ])('refuses %s', (_name, body, reason) => {
    expect(refusal(() => parseMultipart(text(body), 'b'))).toMatch(reason);
  });

  it('refuses more parts than MAX_PARTS', () => {
    const body = `${'--b\r\n\r\nx\r\n'.repeat(MAX_PARTS + 1)}--b--`;
    expect(refusal(() => parseMultipart(text(body), 'b'))).toMatch(/more than/);
  });

  it('reads back what encodeMultipart writes, even when a part holds a boundary-like line', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
    const { body, contentType } = encodeMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{}') },
      { headers: { 'Content-Type': 'application/octet-stream' }, body: binary },
    ]);
    const parts = parseMultipart(body, multipartBoundary(contentType));
    expect(parts.map((p) => p.body)).toEqual([Buffer.from('{}'), binary]);
  });
});
