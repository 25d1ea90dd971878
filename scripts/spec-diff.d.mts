import type { OpenApiDocument } from './bundle.mjs';
export interface SpecChange {
  type: string;
  operation: string;
  field: string;
  description: string;
}
export interface VersionDiff {
  version: 'v1' | 'v3';
  added: boolean;
  breaking: SpecChange[];
  other: SpecChange[];
}
export function diffDocuments(before: OpenApiDocument, after: OpenApiDocument): { breaking: SpecChange[]; other: SpecChange[] };
export function diffAgainst(base: string): Promise<VersionDiff[]>;
export function renderReport(results: VersionDiff[], base: string): string;
