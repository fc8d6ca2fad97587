// Runs before every npm entry point (plain JavaScript, so it runs on any Node): checks this Node
// against package.json's `engines.node` and, when it falls short, says in one line what to
// install instead of letting a TypeScript entry fail with a stack trace. It cannot use an npm
// package (it must also run before `npm install`), so it reads the only range forms package.json
// uses: `^x.y.z` and `>=x.y.z`, joined by `||`.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const range = pkg.engines?.node ?? '';
const version = process.versions.node.split('.').map(Number);

const parse = (text) => text.split('.').map((part) => Number(part) || 0);
const compare = (a, b) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};
const satisfies = (clause) => {
  const c = clause.trim();
  if (c.startsWith('>=')) return compare(version, parse(c.slice(2))) >= 0;
  if (c.startsWith('^')) {
    const min = parse(c.slice(1));
    return version[0] === min[0] && compare(version, min) >= 0;
  }
  throw new Error(`scripts/require-node.mjs: unsupported engines.node clause "${c}"`);
};

if (!range.split('||').some(satisfies)) {
  process.stderr.write(
    `graphnode-harness needs Node ${range} (this is v${process.versions.node}): install Node 24 LTS, ` +
      'e.g. `npm install --prefix ~/.node24 node@24` and put ~/.node24/node_modules/.bin first on PATH\n',
  );
  process.exit(1);
}
