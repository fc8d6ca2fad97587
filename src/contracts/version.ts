// The contract version (semver, from contracts/contract.json) and the SQS message attribute that
// carries it on every message, so a consumer can see which contract a producer was built against.
import { MANIFEST } from './manifest.ts';

export const CONTRACT_VERSION: string = MANIFEST.version;
export const CONTRACT_VERSION_ATTRIBUTE = 'contractVersion';

/** SQS MessageAttributes to send with every contract message (SDK v3 shape). */
export function contractMessageAttributes(): Record<
  typeof CONTRACT_VERSION_ATTRIBUTE,
  { DataType: 'String'; StringValue: string }
> {
  return { [CONTRACT_VERSION_ATTRIBUTE]: { DataType: 'String', StringValue: CONTRACT_VERSION } };
}

/** The major version of a semver string, or undefined when it is not semver. */
export function majorVersion(version: string): number | undefined {
  const match = /^(\d+)\.\d+\.\d+(?:[-+].*)?$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/**
 * Whether a message produced against `version` can be read by this build: same major version.
 * A missing attribute is accepted (producers that predate the attribute).
 */
export function isCompatibleContractVersion(version: string | undefined): boolean {
  if (version === undefined) return true;
  return majorVersion(version) === majorVersion(CONTRACT_VERSION);
}
