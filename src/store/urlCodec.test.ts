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
          planeWindow: fc.record({
            reMin: fc.double({ min: -1e6, max: 0, noNaN: true }).map((v) => v + 0),
            reMax: fc.double({ min: 1, max: 1e6, noNaN: true }),
            imMin: fc.double({ min: -1e6, max: -1, noNaN: true }),
            imMax: fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => v + 0),
          }),
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

  it('the Complex plane’s window: kept; absent (older links) or unusable, the default, the latter with a notice', () => {
    const enc = (o: unknown) => compressToEncodedURIComponent(JSON.stringify(o));
    const planeWindow = { reMin: -0.5, reMax: 1.25, imMin: 2, imMax: 3 };
    expect(decodeDocument(encodeDocument({ ...DEFAULT_DOCUMENT, planeWindow }))).toEqual({
      ok: true,
      doc: { ...DEFAULT_DOCUMENT, planeWindow },
    });
    const { planeWindow: _, ...older } = DEFAULT_DOCUMENT;
    expect(decodeDocument(enc({ v: 1, ...older, y: 0.5 }))).toEqual({
      ok: true,
      doc: { ...DEFAULT_DOCUMENT, y: 0.5 },
    });
    const bad: Array<[unknown, RegExp]> = [
      [{ reMin: 3, reMax: 1, imMin: -4, imMax: 4 }, /Re from must be less than Re to/],
      [{ reMin: -4, reMax: 4, imMin: -4, imMax: 1e300 }, /Im to must lie between/],
      [{ reMin: -4, reMax: 4, imMin: '-4', imMax: 4 }, /imMin must be numbers/],
      [{ reMin: 1, reMax: 1 + 1e-14, imMin: -4, imMax: 4 }, /too narrow/],
      [[1, 2, 3, 4], /not an object/],
      [null, /not an object/],
    ];
    for (const [w, message] of bad) {
      const r = decodeDocument(enc({ ...DEFAULT_DOCUMENT, v: 1, y: 0.5, planeWindow: w }));
      // The rest of the link is used; only the window falls back, and the notice says why.
      expect(r).toMatchObject({ ok: true, doc: { ...DEFAULT_DOCUMENT, y: 0.5 } });
      expect(r.ok && r.notice).toMatch(message);
      expect(r.ok && r.notice).toMatch(/the default window is shown/);
    }
  });

  it('reads the state out of a hash with other parameters', () => {
    const e = encodeDocument(DEFAULT_DOCUMENT);
    expect(stateFromHash(`#step=3&s=${e}`)).toBe(e);
    expect(stateFromHash('#nothing')).toBeNull();
  });
});
