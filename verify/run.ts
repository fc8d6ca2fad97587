// Entry of `npm run verify` (see verify/README.md): parses the arguments and runs verify/main.ts.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
