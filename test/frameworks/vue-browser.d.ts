/**
 * Types for Vue's full browser build (runtime + template compiler, no `process.env`): it exports
 * what the `vue` package exports.
 */
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
