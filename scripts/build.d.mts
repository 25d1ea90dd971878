export function build(): Promise<Record<'v1' | 'v3' | 'joined', string>>;
