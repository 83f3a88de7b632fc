import { describe, it, expect } from 'vitest';
import { WorkbenchError } from '../../../../src/shared/errors';
import {
  arrayElementOffsets,
  findJsonErrorOffset,
  linesAtOffsets,
  ndjsonLines,
  parseJsonText,
  positionAt,
} from '../../../../src/main/engine/ingest/json-text';

// Runs `fn` and returns the WorkbenchError it throws, failing the test when it throws nothing or something else.
function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    return err as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError, nothing was thrown');
}

describe('parseJsonText', () => {
  it('parses a valid document, including one that starts with a byte-order mark', () => {
    expect(parseJsonText('{"a":[1,2]}', 'a.json')).toEqual({ a: [1, 2] });
    expect(parseJsonText('\uFEFF{"a":1}', 'a.json')).toEqual({ a: 1 });
  });

  it('reports a truncated document at the end of its content, as BAD_INPUT naming file, line and column', () => {
    const err = thrown(() => parseJsonText('{\n  "a": [1,\n  2', 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('cut.json');
    expect(err.record).toBe('line 3, column 4');
    expect(err.message).toContain('cut.json');
    expect(err.message).toContain('line 3, column 4');
    expect(err.hint).toMatch(/truncated/);
  });

  it('does not push the end of a truncated document onto the blank lines after it', () => {
    const err = thrown(() => parseJsonText('{\n  "a": [1,\n  2\n\n', 'cut.json'));
    expect(err.record).toBe('line 3, column 4');
  });

  it('reports an empty text as truncated at line 1, column 1', () => {
    expect(thrown(() => parseJsonText('', 'empty.json')).record).toBe('line 1, column 1');
  });

  it('points at the bad character when V8 gives no position ("Unexpected token")', () => {
    const err = thrown(() => parseJsonText('{\n  "a": tru }', 'bad.json'));
    expect(err.record).toBe('line 2, column 11');
    expect(err.hint).not.toMatch(/truncated/);
  });

  it('points at a second document after the first one and says how to fix such a file', () => {
    const err = thrown(() => parseJsonText('{\n  "a": 1\n}\n{\n  "b": 2\n}\n', 'two.json'));
    expect(err.record).toBe('line 4, column 1');
    expect(err.hint).toMatch(/one value per line/);
  });

  it('never quotes the evidence text in its message, which may hold a secret', () => {
    const err = thrown(() => parseJsonText('{"password": "hunter2-very-secret" x}', 'leak.json'));
    expect(err.message).not.toContain('hunter2');
    const err2 = thrown(() => parseJsonText('{"password": "hunter2-very-secret", x}', 'leak.json'));
    expect(err2.message).not.toContain('hunter2');
  });
});

describe('ndjsonLines', () => {
  it('yields one value per non-blank line with 1-based line numbers, accepting CRLF', () => {
    const lines = [...ndjsonLines('{"a":1}\r\n\r\n  \n{"b":2}\n', 'x.ndjson')];
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { b: 2 } },
    ]);
  });

  it('names the line and the column inside it when a line is not JSON', () => {
    const err = thrown(() => [...ndjsonLines('{"a":1}\n\n{"b":2,,}\n', 'x.ndjson')]);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('x.ndjson');
    expect(err.record).toBe('line 3, column 8');
  });

  it('reports a cut-off last line as truncated on that line', () => {
    const err = thrown(() => [...ndjsonLines('{"a":1}\n{"b":"unfinis', 'x.ndjson')]);
    expect(err.record).toBe('line 2, column 14');
    expect(err.hint).toMatch(/truncated/);
  });
});

describe('positions', () => {
  it('converts offsets to 1-based lines and columns', () => {
    expect(positionAt('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(linesAtOffsets('a\nb\n\nc', [0, 2, 5])).toEqual([1, 2, 4]);
  });

  it('finds where each element of a top-level array, or of the array under a key, starts', () => {
    const text = '{\n  "Next": "x,[y]",\n  "Records": [\n    {"a": "]"},\n    [1, {"b": 2}],\n    3\n  ]\n}';
    const offsets = arrayElementOffsets(text, 'Records');
    expect(offsets).not.toBeNull();
    expect(linesAtOffsets(text, offsets ?? [])).toEqual([4, 5, 6]);
    expect(arrayElementOffsets('[ ]', null)).toEqual([]);
    expect(arrayElementOffsets('{"Records": 1}', 'Records')).toBeNull();
    expect(arrayElementOffsets('{"Other": []}', 'Records')).toBeNull();
  });

  it('locates the first error of invalid JSON and returns null for valid JSON', () => {
    expect(findJsonErrorOffset('{"a": [1, 2, {"b": null}]}')).toBeNull();
    expect(findJsonErrorOffset('{"a": [1, 2,, 3]}')).toBe(12);
    expect(findJsonErrorOffset('{"a": "\\x"}')).toBe(8);
    expect(findJsonErrorOffset('[1, 2')).toBe(5);
  });
});
