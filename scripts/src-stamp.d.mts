export declare const STAMP_FILE: string
export declare function srcStamp(root: string): string
export declare function staleBundle(root: string): string | undefined
