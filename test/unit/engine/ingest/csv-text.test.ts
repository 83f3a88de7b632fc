import { describe, it, expect } from 'vitest';
import { csvHeader, csvRecords, csvRows } from '../../../../src/main/engine/ingest/csv-text';
import { thrown } from './parser-kit';

const rows = (text: string) => [...csvRows(text, 'x.csv')];
const recs = (text: string) => [...csvRecords(text, 'x.csv')];

describe('csv-text: RFC 4180 rows', () => {
  it('splits plain fields, with CRLF or LF line ends and no final line end', () => {
    expect(rows('a,b,c\r\n1,2,3\n4,5,6')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks, and counts lines past them', () => {
    const text = 'name,note\r\n"Smith, J","He said ""hi""\r\nthen left"\r\nnext,"",\r\n';
    expect(rows(text)).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, J', 'He said "hi"\r\nthen left'] },
      { line: 4, fields: ['next', '', ''] },
    ]);
  });

  it('keeps empty fields and skips blank lines and a byte-order mark', () => {
    expect(rows('\uFEFFa,,c\n\n,,\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 3, fields: ['', '', ''] },
    ]);
  });

  it('refuses a quoted field that is never closed, naming where it opened', () => {
    const err = thrown(() => rows('a,b\n1,"open\nstill open'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe('x.csv is not valid CSV: a quoted field is never closed at line 2, column 3');
    expect(err.record).toBe('line 2, column 3');
  });

  it('refuses text after a closing quote, naming the place', () => {
    const err = thrown(() => rows('a,b\n"x"y,2\n'));
    expect(err.record).toBe('line 2, column 4');
    expect(err.hint).toMatch(/doubled/);
  });
});

describe('csv-text: records keyed by the header', () => {
  it('yields one object per data row, with index and the line the row starts on', () => {
    const out = recs('action,actor,note\nrepo.create,dana,"two\nlines"\ngit.clone,mallory,x\n');
    expect(out).toEqual([
      { index: 0, line: 2, value: { action: 'repo.create', actor: 'dana', note: 'two\nlines' } },
      { index: 1, line: 4, value: { action: 'git.clone', actor: 'mallory', note: 'x' } },
    ]);
  });

  it('keeps a column named __proto__ as a plain field, without touching the prototype', () => {
    const [first] = recs('__proto__,a\npolluted,1\n');
    const value = first?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a row wider or narrower than the header, by line', () => {
    expect(thrown(() => recs('a,b\n1,2,3\n')).record).toBe('line 2');
    expect(thrown(() => recs('a,b\n1,2\n3\n')).message).toBe('x.csv: the CSV row at line 3 has 1 fields, the header has 2');
  });

  it('refuses a header that names a column twice', () => {
    expect(thrown(() => recs('a,b,a\n1,2,3\n')).message).toMatch(/names the column "a" twice/);
  });

  it('yields nothing for an empty text', () => {
    expect(recs('')).toEqual([]);
  });
});

describe('csv-text: header for detection', () => {
  it('reads the first complete row of a sample, or null', () => {
    expect(csvHeader('@timestamp,action,"actor"\r\n1,2,3')).toEqual(['@timestamp', 'action', 'actor']);
    expect(csvHeader('no line end yet')).toBeNull();
    expect(csvHeader('"broken,a\nb')).toBeNull();
  });
});
