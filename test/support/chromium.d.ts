/** Flags for every headless Chromium this project starts. */
export declare const CHROMIUM_FLAGS: string[];
/** The Chromium binary (CHROME_PATH, else the first one installed); exits when there is none. */
export declare function findChromium(): string;
