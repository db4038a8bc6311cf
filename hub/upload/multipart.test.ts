/** Reading the form a browser sends, and refusing what is not one. */
import { describe, expect, it } from 'vitest';
import { formBoundary, MultipartError, parseMultipart } from './multipart';

const B = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

describe('multipart/form-data', () => {
  it('finds the boundary, quoted or not, and only in multipart/form-data', () => {
    expect(formBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(formBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(formBoundary('multipart/form-data')).toBeNull();
    expect(formBoundary('multipart/form-data; boundary=')).toBeNull();
    expect(formBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeNull();
    expect(formBoundary('multipart/mixed; boundary=abc')).toBeNull();
    expect(formBoundary('application/json')).toBeNull();
    expect(formBoundary(undefined)).toBeNull();
  });

  it('reads a browser form: a token field and a file, bytes kept exactly (line breaks included)', () => {
    const file = '{"a":1}\r\n--not-the-boundary\r\n';
    const body = crlf([`--${B}`, 'Content-Disposition: form-data; name="token"', '', 't0k', `--${B}`, 'Content-Disposition: form-data; name="bundle"; filename="C:\\temp\\my %22records%22.json"', 'Content-Type: application/json', '', file, `--${B}--`, '']);
    const parts = parseMultipart(body, B);
    expect(parts.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['token', undefined, 't0k'],
      ['bundle', 'C:\\temp\\my "records".json', file],
    ]);
  });

  it('skips a preamble and transport padding after a delimiter', () => {
    const body = crlf(['ignored preamble', `--${B}  `, 'Content-Disposition: form-data; name=token', '', 'x', `--${B}--`]);
    expect(parseMultipart(body, B).map((p) => p.data.toString())).toEqual(['x']);
  });

  it('takes a body that opens with a line break before the first delimiter (an empty preamble)', () => {
    const body = crlf(['', `--${B}`, 'Content-Disposition: form-data; name=token', '', 'x', `--${B}--`]);
    expect(parseMultipart(body, B).map((p) => p.data.toString())).toEqual(['x']);
  });

  it.each([
    ['no delimiter at all', Buffer.from('hello'), /not the form/],
    ['an upload cut short', crlf([`--${B}`, 'Content-Disposition: form-data; name="bundle"; filename="a.json"', '', '{"format":']), /ended early/],
    ['a part without a name', crlf([`--${B}`, 'Content-Disposition: form-data', '', 'x', `--${B}--`]), /no field name/],
    ['a part that is not form data', crlf([`--${B}`, 'Content-Disposition: attachment; name="x"', '', 'x', `--${B}--`]), /does not say which field/],
    ['a header line without a colon', crlf([`--${B}`, 'garbage', '', 'x', `--${B}--`]), /damaged header/],
    ['a header block of 10 kB', crlf([`--${B}`, `Content-Disposition: form-data; name="${'n'.repeat(10_000)}"`, '', 'x', `--${B}--`]), /damaged header/],
    ['garbage after a delimiter', crlf([`--${B}xyz`, 'Content-Disposition: form-data; name="a"', '', 'x', `--${B}--`]), /not the form/],
    ['40 parts', crlf([...Array.from({ length: 40 }, () => [`--${B}`, 'Content-Disposition: form-data; name="a"', '', 'x']).flat(), `--${B}--`]), /more than 16 parts/],
  ])('refuses %s', (_name, body, message) => {
    expect(() => parseMultipart(body, B)).toThrow(MultipartError);
    expect(() => parseMultipart(body, B)).toThrow(message);
  });
});
