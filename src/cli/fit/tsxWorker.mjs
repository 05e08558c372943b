// Worker threads do not inherit tsx's loader from the parent process: this plain-JS entry registers it, then
// imports the TypeScript worker module named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
