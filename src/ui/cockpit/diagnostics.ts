/**
 * A small diagnostics handle on `window.__emlDiagnostics`, installed by the cockpit in every build. It exists so the
 * failure handling of the workers can be exercised for real (the e2e test hostile-fit.spec.ts uses it, and anyone
 * can from the devtools console): it only ends this page's own workers, exactly as a crash or an external
 * `terminate()` would, and changes nothing else. Nothing in the app reads it.
 *
 * - `killTrainingWorkers()`: terminate the running fit's training workers silently (no event reaches the page, as
 *   when a worker is killed); the client's watchdog then ends the run. Returns how many were terminated.
 * - `setTrainingStallMs(ms | null)`: the watchdog's silence limit for runs started afterwards (default 20 s).
 * - `killCertifier()`: terminate the certifier; its open requests fail as after a crash.
 */
import { killCertifier } from '../../workers/clients/certifyClient.ts';
import { controller, setTrainingStallMs } from './controller.ts';

export interface EmlDiagnostics {
  killTrainingWorkers(): number;
  setTrainingStallMs(ms: number | null): void;
  killCertifier(): boolean;
}

declare global {
  interface Window {
    __emlDiagnostics?: EmlDiagnostics;
  }
}

export function installDiagnostics(): void {
  if (typeof window === 'undefined' || window.__emlDiagnostics) return;
  window.__emlDiagnostics = { killTrainingWorkers: () => controller.killWorkers(), setTrainingStallMs, killCertifier };
}
