/**
 * What makes a file of lib/ impure (docs/architecture.md: no clock, no randomness but the seeded RNG,
 * no process or crypto): each rule finds one way in, including the ones a plain `Math.random(` search
 * misses (`Math["random"]()`, `const { random } = Math`, `const M = Math`, `Date.now` passed as a value).
 * Run on code whose comments are already stripped (server/architecture.test.ts).
 */
const RULES: readonly { name: string; pattern: RegExp }[] = [
  { name: "Math.random", pattern: /\bMath\s*\??\.\s*random\b/ },
  { name: "Math[…] (computed access can reach Math.random)", pattern: /\bMath\s*\??\.?\s*\[/ },
  { name: "destructuring of Math", pattern: /\}\s*=\s*(globalThis\s*\.\s*)?Math\b(?!\s*\.)/ },
  { name: "Math as a value", pattern: /(=|\(|,|:|return)\s*(globalThis\s*\.\s*)?Math\s*(?=[;,)}\n]|$)/m },
  { name: "the clock (Date)", pattern: /\bDate\s*\??\.\s*now\b|\bnew\s+Date\b|(?<![.\w])Date\s*\(/ },
  { name: "performance.now", pattern: /\bperformance\s*\??\.\s*now\b/ },
  { name: "process", pattern: /\bprocess\s*\??\.|\bprocess\s*\[/ },
  { name: "crypto", pattern: /\bcrypto\b/ },
  { name: "globalThis (reaches every global by name)", pattern: /\bglobalThis\b/ },
];

/** The names of the rules `code` breaks; empty when it is pure. */
export function impurities(code: string): string[] {
  return RULES.filter((r) => r.pattern.test(code)).map((r) => r.name);
}
