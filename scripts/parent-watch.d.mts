export function whenOrphaned(onOrphaned: () => void, opts?: { everyMs?: number; ppid?: () => number }): () => void;
