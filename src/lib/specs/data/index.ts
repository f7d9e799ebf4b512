/**
 * Bundled spec data, one JSON file per country group. Raw JSON: validate with parseSpec
 * (registry.ts does so once, at module load). Add a file here when adding a country.
 */
import africaMiddleEast from './africa-middle-east.json';
import americas from './americas.json';
import asiaPacific from './asia-pacific.json';
import au from './au.json';
import ca from './ca.json';
import cnConventions from './cn-conventions.json';
import cnExamsMore from './cn-exams-more.json';
import cn from './cn.json';
import de from './de.json';
import eu from './eu.json';
import europe from './europe.json';
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
	...europe,
	...ca,
	...americas,
	...au,
	...inSpecs,
	...cn,
	...cnConventions,
	...cnExamsMore,
	...jpKr,
	...asiaPacific,
	...africaMiddleEast,
	...other
];
