export const DEFAULT_PORT: number;
export const DEFAULT_HOST: string;
export const SAMPLE_ID: string;
export interface MockOptions {
  port?: number;
  host?: string;
  spec?: string;
  dynamic?: boolean;
  seed?: string | number;
  errors?: boolean;
  logLevel?: string;
  timeoutMs?: number;
  stdio?: 'pipe' | 'inherit' | 'ignore';
}
export interface Mock {
  url: string;
  pid: number;
  close(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function startMock(options?: MockOptions): Promise<Mock>;
