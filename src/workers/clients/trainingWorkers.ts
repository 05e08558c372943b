/** Creating training workers, one of them ahead of time. */

function newTrainingWorker(): Worker {
  return new Worker(new URL('../trainingWorker.ts', import.meta.url), { type: 'module' });
}

let spare: Worker | null = null;

/** Start one training worker ahead of time (while the page is idle), so pressing Play does not pay for loading it. */
export function prewarmTrainingWorker(): void {
  if (!spare && typeof Worker !== 'undefined') spare = newTrainingWorker();
}

/** The spare worker when there is one, else a new one. */
export function defaultWorker(): Worker {
  const w = spare ?? newTrainingWorker();
  spare = null;
  return w;
}
