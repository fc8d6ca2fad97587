// A seam for proving crash safety: each adapter calls `beforeWrite(step)` just before every write
// of a multi-write change, so the contract suite can make the process "die" (throw) after any
// step and check that replaying the message completes the change exactly once. Unset in
// production, where it costs one optional call per write.

/** Called with a short name of the write about to run ('task', 'graph', 'event', …). */
export type BeforeWrite = (step: string) => void;

export interface WriteFaultOptions {
  beforeWrite?: BeforeWrite;
}
