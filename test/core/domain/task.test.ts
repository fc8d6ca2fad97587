import { describe, expect, it } from 'vitest';
import { newTaskId, parseTaskId } from '../../../src/core/domain/task.ts';

describe('task ids', () => {
  it('round-trips task_{userId}_{ulid}', () => {
    const id = newTaskId('user-1', '01J9Z3N6Q8R2T4V6X8Z0A2C4E6');
    expect(id).toBe('task_user-1_01J9Z3N6Q8R2T4V6X8Z0A2C4E6');
    expect(parseTaskId(id)).toEqual({ userId: 'user-1', ulid: '01J9Z3N6Q8R2T4V6X8Z0A2C4E6' });
  });

  it('refuses user ids that would make the id ambiguous or unsafe in an S3 key', () => {
    for (const bad of ['a_b', '', 'a/b', '../x', 'x'.repeat(65)]) {
      expect(() => newTaskId(bad, '01J9Z3N6Q8R2T4V6X8Z0A2C4E6')).toThrow(/invalid user id/);
    }
  });

  it('rejects malformed task ids', () => {
    for (const bad of [
      'task_u1',
      'task_u1_short',
      'job_u1_01J9Z3N6Q8R2T4V6X8Z0A2C4E6',
      'task_u_1_01J9Z3N6Q8R2T4V6X8Z0A2C4E6',
    ]) {
      expect(parseTaskId(bad)).toBeNull();
    }
  });
});
