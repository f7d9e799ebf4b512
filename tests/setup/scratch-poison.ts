/**
 * Vitest setup: the scratch pool (src/lib/memory/scratch.ts) fills every array given back with 0xFF bytes (NaN in a
 * Float32Array), so that code still reading an array after giving it back computes visibly wrong values in every test
 * that asserts real values.
 */
import { scratch } from '../../src/lib/memory/scratch';

scratch.poison = true;
