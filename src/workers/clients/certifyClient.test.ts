/**
 * The certifier client when its worker fails: a crash (error event), an unreadable reply, or no answer within the
 * time limit rejects every open request with the reason (the result card shows it with "Try again"), and the next
 * request starts a fresh worker.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CertifyReply, CertifyRequest } from '../protocol.ts';
import {
  CERTIFY_TIME_LIMIT_MS,
  certifyAsync,
  killCertifier,
  setCertifierFactory,
  warmCertifier,
  type CertifierLike,
} from './certifyClient.ts';

class FakeCertifier implements CertifierLike {
  onmessage: ((e: MessageEvent<CertifyReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  requests: CertifyRequest[] = [];
  terminated = false;
  postMessage(m: CertifyRequest): void {
    this.requests.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: CertifyReply): void {
    this.onmessage?.({ data: r } as MessageEvent<CertifyReply>);
  }
}

const ds = {
  vars: ['x'],
  x: [new Float64Array([1])],
  y: new Float64Array([0]),
  w: null,
  n: 1,
  rows: new Int32Array([0]),
};

function install() {
  const made: FakeCertifier[] = [];
  setCertifierFactory(() => made[made.push(new FakeCertifier()) - 1]);
  return made;
}

afterEach(() => vi.useRealTimers());

describe('certifyClient failures', () => {
  it('a crash rejects the open requests; the next request gets a new worker that answers', async () => {
    const made = install();
    const a = certifyAsync('EML[x,1]', ds, [], 'complex');
    const b = warmCertifier();
    made[0].onerror?.({ message: 'Uncaught InternalError: too much recursion', preventDefault() {} } as ErrorEvent);
    await expect(a).rejects.toThrow(/^the certifier stopped \(Uncaught InternalError: too much recursion\)$/);
    await expect(b).rejects.toThrow(/certifier stopped/);
    expect(made[0].terminated).toBe(true);
    const c = warmCertifier();
    expect(made).toHaveLength(2);
    made[1].reply({ id: made[1].requests[0].id, ok: true, warm: true });
    await expect(c).resolves.toBeNull();
  });

  it('an unreadable reply and a kill fail the same way', async () => {
    const made = install();
    const a = warmCertifier();
    made[0].onmessageerror?.({} as MessageEvent);
    await expect(a).rejects.toThrow(/could not be read/);
    const b = warmCertifier();
    expect(killCertifier()).toBe(true);
    await expect(b).rejects.toThrow(/terminated/);
  });

  it('no answer within the time limit fails the request and ends the worker', async () => {
    vi.useFakeTimers();
    const made = install();
    const a = certifyAsync('EML[x,1]', ds, [], 'complex');
    const check = expect(a).rejects.toThrow(`the certifier did not answer within ${CERTIFY_TIME_LIMIT_MS / 1000} s`);
    await vi.advanceTimersByTimeAsync(CERTIFY_TIME_LIMIT_MS + 1);
    await check;
    expect(made[0].terminated).toBe(true);
  });
});
