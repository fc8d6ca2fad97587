// Entry point of the stand-alone API process: `node src/api/server.ts`, configured from the
// environment (see src/infra/config.ts). The wiring lives in src/app/.
import { runApiProcess } from '../app/processes.ts';

await runApiProcess();
