/**
 * Errors of the ordinary-math parser. They are EmlSyntaxErrors (same offset/line/column/length/hint and
 * `format(source)`), so the CLI and the UI show both kinds of input error the same way; `reason` is the finer,
 * math-specific kind.
 */
import { EmlSyntaxError, type EmlSyntaxErrorCode } from '../syntax/errors.ts';

export type MathErrorReason =
  | 'empty-input'
  | 'input-too-large'
  | 'too-deep'
  | 'unexpected-character'
  | 'bad-number'
  | 'missing-operand'
  | 'unknown-function'
  | 'unsupported-function'
  | 'wrong-arity'
  | 'missing-closer'
  | 'mismatched-bracket'
  | 'trailing-input'
  | 'bad-variable';

const BASE_CODE: Record<MathErrorReason, EmlSyntaxErrorCode> = {
  'empty-input': 'empty-input',
  'input-too-large': 'input-too-large',
  'too-deep': 'input-too-large',
  'unexpected-character': 'unexpected-character',
  'bad-number': 'bad-number',
  'missing-operand': 'missing-argument',
  'unknown-function': 'unknown-function',
  'unsupported-function': 'unknown-function',
  'wrong-arity': 'too-many-arguments',
  'missing-closer': 'missing-closer',
  'mismatched-bracket': 'mismatched-bracket',
  'trailing-input': 'trailing-input',
  'bad-variable': 'reserved-name',
};

export class MathSyntaxError extends EmlSyntaxError {
  readonly reason: MathErrorReason;

  constructor(reason: MathErrorReason, message: string, offset: number, source: string, length = 1, hint = '') {
    super({ code: BASE_CODE[reason], message, offset, length, hint }, source);
    this.name = 'MathSyntaxError';
    this.reason = reason;
  }
}

export type CompileErrorReason =
  /** x/0, 0^−1, ln 0 after exact folding. */
  | 'division-by-zero'
  /** An exact number (literal or folded constant) over the size bound of rational.ts. */
  | 'number-too-large'
  /** Well-formed, but the mode has no construction for it (abs in paper mode, tan(π/2)). */
  | 'unsupported'
  /** Over the compiler's work or size budget (budget.ts). */
  | 'too-large'
  /** A bug caught by the safety net (readInput, the CLI): reported, never thrown past the caller. */
  | 'internal';

/** Where an error happened, when it is known: the math node it was raised for (see spans.ts). */
export interface CompileErrorInit {
  hint?: string;
  node?: unknown;
  offset?: number;
  length?: number;
  source?: string;
}

/**
 * A well-formed expression the compiler cannot lower (division by zero after exact folding, a number too large to
 * be exact, over budget). It is an EmlSyntaxError, so it carries offset/line/column/length/hint and `format()`, and
 * everything that shows a positioned input error shows this one too. Errors raised deep in the compiler know only
 * the math node (`node`); `compile()` re-creates them positioned in the user's text (`locate`).
 */
export class CompileError extends EmlSyntaxError {
  readonly reason: CompileErrorReason;
  /** The math node the error was raised for, until `compile()` turns it into a position. */
  node: unknown;

  constructor(message: string, reason: CompileErrorReason = 'unsupported', init: CompileErrorInit = {}) {
    const source = init.source ?? '';
    super(
      {
        code: reason === 'internal' ? 'internal-error' : 'compile-error',
        message,
        offset: init.offset ?? 0,
        length: init.length ?? Math.max(1, source.length),
        hint: init.hint ?? '',
      },
      source,
    );
    this.name = 'CompileError';
    this.reason = reason;
    this.node = init.node;
  }

  /** The same error positioned at [offset, offset + length) of `source`. */
  locate(source: string, offset: number, length: number): CompileError {
    return new CompileError(this.message, this.reason, { hint: this.hint, offset, length, source });
  }
}

/** Records the node an error without one was raised for (innermost wins, so the position is the most precise). */
export function blame(e: unknown, node: unknown): unknown {
  if (e instanceof CompileError && e.node === undefined) e.node = node;
  return e;
}
