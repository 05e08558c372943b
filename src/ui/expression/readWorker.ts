/**
 * Reads long Expression drafts off the main thread: parsing (and compiling) 800 kB of text takes 300–900 ms, during
 * which the page could not answer a keystroke. Messages: ReadRequest in, ReadReply out (readProtocol.ts); the tree
 * goes back as one transferred Int32Array. readSafely never throws, so every request gets its reply.
 */
import { readSafely } from '../../store/derive.ts';
import { replyFor, type ReadReply, type ReadRequest } from './readProtocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ReadRequest>) => void) | null;
  postMessage(m: ReadReply, transfer: ArrayBuffer[]): void;
};

scope.onmessage = (e) => {
  const { id, text, options } = e.data;
  const t0 = performance.now();
  const reading = readSafely(text, options);
  const { reply, transfer } = replyFor(id, reading, performance.now() - t0, () => performance.now());
  scope.postMessage(reply, transfer);
};
