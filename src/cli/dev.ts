/** Development entry point: runs the CLI from source with tsx (`npx tsx src/cli/dev.ts --help`). */
import { main } from './main.js';

process.exitCode = await main(process.argv);
