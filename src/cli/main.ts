/** `npm run cli -- <command> …`: the core's command-line face, also used for scripted checks. */
import { runCli } from './runCli.ts';

// `npm run cli -- … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
  stdin: readStdin,
});
