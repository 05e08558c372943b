import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from './document.ts';
import { decodeDocument, documentToHash, encodeDocument, stateFromHash } from './urlCodec.ts';

describe('share-link state', () => {
  it('round-trips any valid document', () => {
    fc.assert(
      fc.property(
        fc.record({
          text: fc.string({ maxLength: 200 }),
          inputKind: fc.constantFrom('auto', 'eml', 'math'),
          compileMode: fc.constantFrom('compact', 'paper'),
          clean: fc.boolean(),
          semantics: fc.constantFrom('complex', 'real-extended', 'finite'),
          // JSON has no −0; a shared x of −0 comes back as 0, which is the same plot.
          x: fc.double({ min: -1e15, max: 1e15, noNaN: true }).map((v) => v + 0),
          y: fc.double({ min: -1e15, max: 1e15, noNaN: true }).map((v) => v + 0),
          xMin: fc.double({ min: -1e6, max: 0, noNaN: true }).map((v) => v + 0),
          xMax: fc.double({ min: 1, max: 1e6, noNaN: true }),
        }),
        (doc) => {
          const back = decodeDocument(stateFromHash(documentToHash(doc))!);
          expect(back).toEqual({ ok: true, doc });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects garbage, wrong versions and bad fields with a message', () => {
    expect(decodeDocument('not-lz')).toMatchObject({ ok: false });
    const enc = (o: unknown) => compressToEncodedURIComponent(JSON.stringify(o));
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 99 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('version'),
    });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, semantics: 'magic' }))).toMatchObject({
      ok: false,
      error: 'unknown semantics',
    });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, x: 'NaN' }))).toMatchObject({
      ok: false,
      error: 'x is not a finite number',
    });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, xMin: 3, xMax: 1 }))).toMatchObject({ ok: false });
    expect(decodeDocument(enc([1, 2]))).toMatchObject({ ok: false });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, text: '<img src=x onerror=alert(1)>' }))).toMatchObject({
      ok: true,
    });
    expect(decodeDocument('x'.repeat(500_000))).toMatchObject({ ok: false });
  });

  it('bounds sizes and magnitudes: huge slider values, a hair-thin range and over-long text are refused', () => {
    const enc = (o: unknown) => compressToEncodedURIComponent(JSON.stringify(o));
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, y: 1e300 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('y is 1e+300'),
    });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, xMin: 1, xMax: 1 + 1e-12 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('too narrow'),
    });
    expect(decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, text: 'x'.repeat(1_000_001) }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('over the 1000000 limit'),
    });
  });

  it('reads the state out of a hash with other parameters', () => {
    const e = encodeDocument(DEFAULT_DOCUMENT);
    expect(stateFromHash(`#step=3&s=${e}`)).toBe(e);
    expect(stateFromHash('#nothing')).toBeNull();
  });
});
