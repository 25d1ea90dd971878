export function regenerate(): Promise<{ generated: string; cleanup(): Promise<void> }>;
export function findDrift(committedDir?: string): Promise<string[]>;
