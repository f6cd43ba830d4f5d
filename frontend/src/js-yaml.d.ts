// js-yaml ships no types; the contract tests and scripts/template-limits.mjs use only load
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
