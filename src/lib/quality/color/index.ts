/** Shared colour maths of the quality checks: sRGB ↔ linear ↔ XYZ ↔ CIELAB (D65) and CIEDE2000. */
export * from './lab';
export { deltaE2000 } from './ciede2000';
