/**
 * CIEDE2000 colour difference for the quality checks: the project's one implementation lives in
 * src/lib/pipeline/compose/color.ts (CIE 142-2001, from Sharma, Wu & Dalal 2005, Color Research & Application 30(1));
 * tests/unit/quality checks it against all 34 of their published test pairs.
 */
export { deltaE2000 } from '../../pipeline/compose/color';
