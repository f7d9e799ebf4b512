/**
 * Bundled spec data, one JSON file per country group. Raw JSON: validate with parseSpec
 * (registry.ts does so once, at module load). Add a file here when adding a country.
 */
import au from './au.json';
import ca from './ca.json';
import cnConventions from './cn-conventions.json';
import cn from './cn.json';
import de from './de.json';
import eu from './eu.json';
import fr from './fr.json';
import gb from './gb.json';
import inSpecs from './in.json';
import jpKr from './jp-kr.json';
import other from './other.json';
import us from './us.json';

/** All bundled specs as unvalidated JSON values, in display order. */
export const RAW_SPECS: readonly unknown[] = [
	...us,
	...eu,
	...de,
	...fr,
	...gb,
	...ca,
	...au,
	...inSpecs,
	...cn,
	...cnConventions,
	...jpKr,
	...other
];
