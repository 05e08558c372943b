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

/** A well-formed expression the compiler cannot lower (e.g. division by zero after exact folding). */
export class CompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompileError';
  }
}
