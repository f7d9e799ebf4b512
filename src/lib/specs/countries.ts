/**
 * Country names for display and search.
 * Codes: ISO 3166-1 alpha-2 (list from the IANA tz database's iso3166.tab, see
 * timezone-countries.ts), plus "EU", which ISO 3166 reserves exceptionally for the European
 * Union and which the Schengen visa spec uses.
 * English/Chinese names and aliases below cover the countries with bundled specs and common
 * search words; other codes fall back to the tzdata English name.
 */
import { ISO_3166_ALPHA2 } from './timezone-countries';

export interface CountryNames {
	en: string;
	'zh-CN': string;
	/** Extra search words (lower case for Latin script): short forms, endonyms, old names. */
	aliases: readonly string[];
}

export const COUNTRY_NAMES: Readonly<Record<string, CountryNames>> = {
	AU: { en: 'Australia', 'zh-CN': '澳大利亚', aliases: ['澳洲', 'aus'] },
	BR: { en: 'Brazil', 'zh-CN': '巴西', aliases: ['brasil'] },
	CA: { en: 'Canada', 'zh-CN': '加拿大', aliases: [] },
	CN: { en: 'China', 'zh-CN': '中国', aliases: ['prc', "people's republic of china", '中华人民共和国', '大陆', 'zhongguo'] },
	DE: { en: 'Germany', 'zh-CN': '德国', aliases: ['deutschland', 'german'] },
	EU: { en: 'European Union (Schengen)', 'zh-CN': '欧盟（申根）', aliases: ['schengen', 'europe', '申根', '欧洲'] },
	FI: { en: 'Finland', 'zh-CN': '芬兰', aliases: ['suomi'] },
	FR: { en: 'France', 'zh-CN': '法国', aliases: ['french'] },
	GB: { en: 'United Kingdom', 'zh-CN': '英国', aliases: ['uk', 'britain', 'great britain', 'england', 'scotland', 'wales', 'british'] },
	IN: { en: 'India', 'zh-CN': '印度', aliases: ['bharat', 'indian'] },
	JP: { en: 'Japan', 'zh-CN': '日本', aliases: ['nippon', 'japanese', '日本国'] },
	KR: { en: 'South Korea', 'zh-CN': '韩国', aliases: ['korea', 'republic of korea', '대한민국', '南韩'] },
	MX: { en: 'Mexico', 'zh-CN': '墨西哥', aliases: ['méxico'] },
	RU: { en: 'Russia', 'zh-CN': '俄罗斯', aliases: ['russian federation', 'россия', '俄国'] },
	SA: { en: 'Saudi Arabia', 'zh-CN': '沙特阿拉伯', aliases: ['saudi', '沙特', 'ksa'] },
	US: { en: 'United States', 'zh-CN': '美国', aliases: ['usa', 'america', 'united states of america', 'american'] }
};

/** True for an upper-case ISO 3166-1 alpha-2 code known to tzdata, or "EU". */
export function isKnownCountry(code: string): boolean {
	return code === 'EU' || Object.hasOwn(ISO_3166_ALPHA2, code);
}

/**
 * Display name of a country code in 'en' or 'zh-CN'. Falls back to the tzdata English name,
 * then to the code itself.
 */
export function countryName(code: string, locale: 'en' | 'zh-CN' = 'en'): string {
	const names = COUNTRY_NAMES[code];
	if (names) return names[locale];
	return ISO_3166_ALPHA2[code] ?? code;
}
