/** Types of the seeded extraction generator (plain JavaScript, so that it runs without a build). */
export declare function random(seed: number): () => number;
export declare const HEADER: readonly string[];
export declare function makeRow(rand: () => number, i: number): string[];
export declare function encodeWindows1252(text: string): Uint8Array;
export declare function extractionText(rows: number, seed?: number): Generator<string>;
export declare function writeExtraction(path: string, rows: number, seed?: number): Promise<void>;
