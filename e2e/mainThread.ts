/**
 * A guard on the page's main-thread tasks while work runs in the workers (a fit, a shortest-form search, the map's
 * fill-in), not the target. The issues' target, no task over 50 ms, is a figure of `npm run perf:tasks` on the
 * project's 2-core machine, where no task reaches it: the longest, about 30 ms, are the input that starts the work
 * and the first layout of its result. A slower machine lengthens every task (the CI machine ran this suite 1.4
 * times slower and saw tasks over 50 ms), so a test at 50 ms fails there for no fault of the app, and a retry only
 * hides that. Work moved onto the main thread (a search, a training step, an evaluation pass over a table) takes
 * hundreds of milliseconds to seconds there, far over this guard.
 */
export const MAIN_THREAD_GUARD_MS = 150;
