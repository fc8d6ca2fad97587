// The stage a progress message names: the AI server writes `currentStage` as `[N단계] …` (step N),
// and progress percent restarts at 0 in each stage, so the stage number orders progress first.

/** N of a stage named `[N단계] …` (the AI server's form; any `[N…]` prefix), else undefined. */
export function stageNumber(stage: string | null | undefined): number | undefined {
  const match = /^\s*\[\s*(\d{1,6})/.exec(stage ?? '');
  return match ? Number(match[1]) : undefined;
}
