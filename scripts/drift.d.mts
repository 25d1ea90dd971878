export function regenerate(): Promise<{ generated: string; cleanup(): Promise<void> }>;
export function findDrift(committedDir?: string, fresh?: { generated: string; cleanup(): Promise<void> }): Promise<string[]>;
