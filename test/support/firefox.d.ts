/** Preferences for every headless Firefox this project starts (keep it off the network). */
export declare const FIREFOX_PREFS: Record<string, string | number | boolean>;
/** The Firefox binary (FIREFOX_PATH, else the first one installed), or undefined when there is none. */
export declare function findFirefox(): string | undefined;
/** Environment for Firefox (lets the preferences above switch Remote Settings off). */
export declare const FIREFOX_ENV: Record<string, string | undefined>;
