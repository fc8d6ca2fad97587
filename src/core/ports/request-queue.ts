// The request queue port: how the producer hands a contract message to the AI server.

export interface RequestQueue {
  /** Sends one message body (already contract-validated JSON); resolves with the queue's id. */
  send(body: string): Promise<{ messageId: string }>;
}
