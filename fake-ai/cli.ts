// Command-line entry of the fake AI server: `graph` prints the graph of a bundle file; `serve`
// runs the queue process (configured by the AI server's own environment variables).
import { GRAPH_USAGE, runGraphCommand } from './commands/graph.ts';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  now: () => Date.now(),
};

const [command, ...rest] = process.argv.slice(2);
if (command === 'graph') {
  process.exitCode = await runGraphCommand(rest, io);
} else {
  io.err(`unknown command "${command ?? ''}"\n${GRAPH_USAGE}\n`);
  process.exitCode = 2;
}
