// The golden examples against the TypeScript validators: every valid one passes both readings,
// every invalid one fails with the violation its name promises, in both readings.
import { describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  TASK_TYPES,
  validateGraphOutput,
  validateIncoming,
  validateInputBundle,
  validateOutgoing,
  validateSummary,
} from '../../src/contracts/index.ts';
import { invalidExamples, validExamples } from './golden.ts';

const valid = validExamples('valid');
const invalid = invalidExamples('invalid');

describe('golden message examples', () => {
  it('cover every message type, valid and invalid', () => {
    for (const taskType of TASK_TYPES) {
      const dir = `${taskType.toLowerCase().replaceAll('_', '-')}/`;
      expect(
        valid.some(([name]) => name.startsWith(dir)),
        `valid ${taskType}`,
      ).toBe(true);
      const mistakes = invalid.filter((e) => e.name.startsWith(dir)).map((e) => e.name);
      // A microscope result's user_id is optional: a mis-cased status stands for the case mistake.
      const caseMistake = /^MICROSCOPE_.*_RESULT$/.test(taskType)
        ? 'wrong-case-status'
        : 'wrong-case-user-id';
      for (const mistake of [
        'missing-field',
        caseMistake,
        'wrong-type',
        'bad-timestamp',
        'wrong-task-type',
      ]) {
        expect(mistakes, taskType).toContain(`${dir}${mistake}.json`);
      }
    }
  });

  it.each(valid)('%s passes strict and tolerant validation', (_name, message) => {
    expect(validateOutgoing(message)).toEqual(message);
    expect(validateIncoming(message)).toEqual({ ok: true, message, findings: [] });
  });

  it.each(invalid.map((e) => [e.name, e] as const))('%s is rejected', (_name, example) => {
    expect(() => validateOutgoing(example.message)).toThrow(ContractViolationError);
    const result = validateIncoming(example.message);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const expected of example.expect) {
      expect(result.error.violations).toContainEqual(expect.objectContaining(expected));
      expect(result.error.message).toContain(`${expected.path} `);
      expect(result.error.message).toContain(`(rule: ${expected.rule})`);
    }
  });

  it.each(invalidExamples('additive').map((e) => [e.name, e] as const))(
    '%s is accepted on receive but rejected on send',
    (_name, example) => {
      expect(validateIncoming(example.message)).toEqual({
        ok: true,
        message: example.message,
        findings: [],
      });
      try {
        validateOutgoing(example.message);
        expect.unreachable('strict validation accepted an unknown field');
      } catch (error) {
        expect(error).toBeInstanceOf(ContractViolationError);
        expect((error as ContractViolationError).violations).toEqual([
          expect.objectContaining(example.expect[0]),
        ]);
      }
    },
  );
});

const objectValidators = {
  'graph-output': validateGraphOutput,
  'input-bundle': validateInputBundle,
  summary: validateSummary,
} as const;

describe('golden S3 object examples', () => {
  for (const [kind, validate] of Object.entries(objectValidators)) {
    it.each(validExamples(`objects/${kind}/valid`))(`${kind}/%s is valid`, (_name, obj) => {
      expect(validate(obj)).toEqual({ ok: true, message: obj, findings: [] });
    });
    it.each(invalidExamples(`objects/${kind}/invalid`).map((e) => [e.name, e] as const))(
      `${kind}/%s is rejected`,
      (_name, example) => {
        const result = validate(example.message);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        for (const expected of example.expect) {
          expect(result.error.violations).toContainEqual(expect.objectContaining(expected));
        }
      },
    );
  }
});
