export const root: string;
export const VERSIONS: readonly ['v1', 'v3'];
export const JOINED_FILE: string;
export type OpenApiDocument = Record<string, any>;
export function bundleApis(dir?: string, options?: { optional?: boolean }): Promise<Record<'v1' | 'v3', { document: OpenApiDocument; output: string }>>;
export function joinApis(documents: Record<'v1' | 'v3', OpenApiDocument>): OpenApiDocument;
export function toYaml(document: OpenApiDocument): string;
export function writeBundles(outDir?: string): Promise<Record<'v1' | 'v3' | 'joined' | 'joinedJson', string>>;
