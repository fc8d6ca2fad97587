// Entry point of the stand-alone worker process: `node src/workers/index.ts`, configured from the
// environment (see src/infra/config.ts). The wiring lives in src/app/.
import { runWorkerProcess } from '../app/processes.ts';

await runWorkerProcess();
