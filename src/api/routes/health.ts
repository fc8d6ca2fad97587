// Liveness (`/health`: the process answers) and readiness (`/ready`: its dependencies answer).

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../problems.ts';

export function healthRoutes(app: FastifyInstance, checks: () => Promise<void>): void {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (request, reply) => {
    try {
      await checks();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, 'not-ready', { detail: (error as Error).message });
    }
  });
}
