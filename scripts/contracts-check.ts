// `npm run contracts:check`: the breaking-change gate. Compares contracts/ with the newest
// released version in contracts/released/v{major}/ and exits 1 when a breaking change is made
// without a new major version. `--release` records the working copy as the released version of
// its major (run when a contract version is published). `--contracts <dir>` checks another tree.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ContractSnapshot,
  compareContracts,
  describeChange,
  type SchemaChange,
} from '../src/contracts/breaking-changes.ts';
import { CONTRACTS_DIR, loadManifest, loadSchemas } from '../src/contracts/manifest.ts';
import { majorVersion } from '../src/contracts/version.ts';

export interface GateResult {
  ok: boolean;
  releasedVersion: string | undefined;
  currentVersion: string;
  changes: SchemaChange[];
  report: string[];
}

function snapshot(dir: string): ContractSnapshot {
  const manifest = loadManifest(dir);
  return { manifest, schemas: loadSchemas(manifest, join(dir, 'schemas')) };
}

function compareSemver(a: string, b: string): number {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The released snapshot directory with the highest major version, if any. */
export function latestReleaseDir(contractsDir: string): string | undefined {
  const releasedRoot = join(contractsDir, 'released');
  if (!existsSync(releasedRoot)) return undefined;
  const majors = readdirSync(releasedRoot)
    .map((name) => /^v(\d+)$/.exec(name))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => b - a);
  return majors.length > 0 ? join(releasedRoot, `v${majors[0]}`) : undefined;
}

export function runGate(contractsDir: string): GateResult {
  const current = snapshot(contractsDir);
  const currentVersion = current.manifest.version;
  const report: string[] = [];
  const currentMajor = majorVersion(currentVersion);
  if (currentMajor === undefined) {
    report.push(`contract.json version "${currentVersion}" is not semver (MAJOR.MINOR.PATCH)`);
    return { ok: false, releasedVersion: undefined, currentVersion, changes: [], report };
  }
  const releaseDir = latestReleaseDir(contractsDir);
  if (!releaseDir) {
    report.push('no released contract in contracts/released/: nothing to compare against');
    return { ok: true, releasedVersion: undefined, currentVersion, changes: [], report };
  }
  const released = snapshot(releaseDir);
  const releasedVersion = released.manifest.version;
  const changes = compareContracts(released, current);
  const breaking = changes.filter((c) => c.breaking);
  const additive = changes.filter((c) => !c.breaking);
  let ok = true;
  if (compareSemver(currentVersion, releasedVersion) < 0) {
    ok = false;
    report.push(`contract version ${currentVersion} is older than the released ${releasedVersion}`);
  }
  const newMajor = currentMajor > (majorVersion(releasedVersion) ?? 0);
  for (const change of breaking)
    report.push(`${newMajor ? 'allowed' : 'BLOCKED'}: ${describeChange(change)}`);
  for (const change of additive) report.push(`ok: ${describeChange(change)}`);
  if (breaking.length > 0 && !newMajor) {
    ok = false;
    report.push(
      `${breaking.length} breaking change(s) against released ${releasedVersion} while contract.json ` +
        `says ${currentVersion}: keep the old shape, make the change additive (a new optional field), ` +
        `or bump to ${(majorVersion(releasedVersion) ?? 0) + 1}.0.0 and agree it with the AI team`,
    );
  }
  if (
    additive.length > 0 &&
    breaking.length === 0 &&
    compareSemver(currentVersion, releasedVersion) === 0
  ) {
    report.push(
      `note: additive changes since ${releasedVersion}; bump the minor version when releasing`,
    );
  }
  return { ok, releasedVersion, currentVersion, changes, report };
}

/** Copies contract.json and schemas/ to contracts/released/v{major}/. */
export function release(contractsDir: string): string {
  const { version } = loadManifest(contractsDir);
  const major = majorVersion(version);
  if (major === undefined) throw new Error(`contract.json version "${version}" is not semver`);
  const target = join(contractsDir, 'released', `v${major}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(contractsDir, 'contract.json'), join(target, 'contract.json'));
  cpSync(join(contractsDir, 'schemas'), join(target, 'schemas'), { recursive: true });
  return target;
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--contracts');
  const dir = at >= 0 && args[at + 1] ? resolve(args[at + 1] as string) : CONTRACTS_DIR;
  if (args.includes('--release')) {
    console.log(`released contract to ${release(dir)}`);
    return;
  }
  const result = runGate(dir);
  for (const line of result.report) console.log(line);
  console.log(
    result.ok
      ? `contracts:check passed (${result.currentVersion} against released ${result.releasedVersion ?? 'none'})`
      : 'contracts:check FAILED',
  );
  process.exit(result.ok ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
