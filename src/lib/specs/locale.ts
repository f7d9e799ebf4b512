/**
 * Guess the user's country from browser settings, without any network call.
 * Inputs are what the browser reports: `navigator.languages` (BCP 47 tags, e.g. "en-GB",
 * "zh-Hans-CN") and `Intl.DateTimeFormat().resolvedOptions().timeZone` (IANA name, e.g.
 * "Europe/London"; legacy aliases such as "Asia/Calcutta" are understood).
 */
import { isKnownCountry } from './countries';
import { TIMEZONE_COUNTRY } from './timezone-countries';

export interface CountryHints {
	/** BCP 47 language tags, most preferred first (navigator.languages). */
	languages: readonly string[];
	/** IANA time zone name (Intl.DateTimeFormat().resolvedOptions().timeZone). */
	timeZone: string;
}

/** Weights of the evidence; the time zone tells where the device is, a region subtag where the user says they are from. */
const WEIGHT_TIME_ZONE = 2;
const WEIGHT_FIRST_REGION = 2;
const WEIGHT_LATER_REGION = 1;
/** Region implied by a bare language ("de" -> DE, "ja" -> JP) via CLDR likely subtags (Intl.Locale#maximize). */
const WEIGHT_LIKELY_REGION = 0.5;

/** ISO country of an IANA time zone, or undefined (e.g. "UTC", "Etc/GMT+3", unknown names). */
export function countryOfTimeZone(timeZone: string): string | undefined {
	return Object.hasOwn(TIMEZONE_COUNTRY, timeZone) ? TIMEZONE_COUNTRY[timeZone] : undefined;
}

function parseLocale(tag: string): Intl.Locale | undefined {
	try {
		return new Intl.Locale(tag.replace(/_/g, '-'));
	} catch {
		return undefined;
	}
}

/** Region subtag as an ISO alpha-2 code (numeric UN M.49 regions such as "419" are ignored). */
function regionOf(locale: Intl.Locale | undefined): string | undefined {
	const r = locale?.region?.toUpperCase();
	return r && /^[A-Z]{2}$/.test(r) && isKnownCountry(r) ? r : undefined;
}

/**
 * Guesses an ISO 3166-1 alpha-2 country code from browser locale and time zone (pure function).
 * Scoring: time-zone country +2; region of the first language tag +2, of later tags +1;
 * likely region of a tag without region (CLDR, e.g. "ja" -> JP) +0.5, unless the same
 * language already came with a region (["en-US", "en"] counts US once). Highest score wins;
 * ties go to the time-zone country, then to the earlier language.
 * Examples: en-GB + Europe/London -> GB; zh-CN + Asia/Shanghai -> CN; en-US + America/Chicago -> US;
 * en-US + Asia/Kolkata -> IN (tie, time zone wins).
 * @returns the code, or undefined when there is no evidence (no usable tags and a zone like "UTC").
 */
export function suggestCountry(hints: CountryHints): string | undefined {
	const scores = new Map<string, number>();
	const order: string[] = [];
	const add = (code: string | undefined, w: number) => {
		if (!code) return;
		if (!scores.has(code)) order.push(code);
		scores.set(code, (scores.get(code) ?? 0) + w);
	};
	const tzCountry = countryOfTimeZone(hints.timeZone);
	add(tzCountry, WEIGHT_TIME_ZONE);
	const locales = hints.languages.map(parseLocale);
	// A bare tag adds nothing when the same language already came with a region ("en-US", "en").
	const languagesWithRegion = new Set(locales.filter((l) => regionOf(l)).map((l) => l!.language));
	locales.forEach((locale, i) => {
		const region = regionOf(locale);
		if (region) add(region, i === 0 ? WEIGHT_FIRST_REGION : WEIGHT_LATER_REGION);
		else if (locale && !languagesWithRegion.has(locale.language))
			add(regionOf(locale.maximize()), WEIGHT_LIKELY_REGION);
	});
	let best: string | undefined;
	let bestScore = -Infinity;
	for (const code of order) {
		const s = scores.get(code)!;
		if (s > bestScore) {
			best = code;
			bestScore = s;
		}
	}
	return best;
}
