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
	AE: { en: 'United Arab Emirates', 'zh-CN': '阿联酋', aliases: ['uae', 'emirates', 'dubai', 'abu dhabi', '阿拉伯联合酋长国', 'الإمارات'] },
	AR: { en: 'Argentina', 'zh-CN': '阿根廷', aliases: ['argentine', 'argentinian', 'república argentina'] },
	AT: { en: 'Austria', 'zh-CN': '奥地利', aliases: ['österreich', 'osterreich', 'austrian'] },
	AU: { en: 'Australia', 'zh-CN': '澳大利亚', aliases: ['澳洲', 'aus'] },
	BE: { en: 'Belgium', 'zh-CN': '比利时', aliases: ['belgique', 'belgië', 'belgie', 'belgien', 'belgian'] },
	BH: { en: 'Bahrain', 'zh-CN': '巴林', aliases: ['البحرين', 'bahraini', 'kingdom of bahrain'] },
	BR: { en: 'Brazil', 'zh-CN': '巴西', aliases: ['brasil'] },
	BT: { en: 'Bhutan', 'zh-CN': '不丹', aliases: ['druk yul', 'bhutanese'] },
	BZ: { en: 'Belize', 'zh-CN': '伯利兹', aliases: ['belizean', 'belice', '貝里斯'] },
	CA: { en: 'Canada', 'zh-CN': '加拿大', aliases: [] },
	CH: { en: 'Switzerland', 'zh-CN': '瑞士', aliases: ['schweiz', 'suisse', 'svizzera', 'swiss'] },
	CN: { en: 'China', 'zh-CN': '中国', aliases: ['prc', "people's republic of china", '中华人民共和国', '大陆', 'zhongguo'] },
	CO: { en: 'Colombia', 'zh-CN': '哥伦比亚', aliases: ['colombian'] },
	CZ: { en: 'Czechia', 'zh-CN': '捷克', aliases: ['czech republic', 'czech', 'česko', 'cesko', '捷克共和国'] },
	DE: { en: 'Germany', 'zh-CN': '德国', aliases: ['deutschland', 'german'] },
	DK: { en: 'Denmark', 'zh-CN': '丹麦', aliases: ['danmark', 'danish'] },
	DO: { en: 'Dominican Republic', 'zh-CN': '多米尼加', aliases: ['república dominicana', 'republica dominicana', 'dominicana', '多米尼加共和国'] },
	EE: { en: 'Estonia', 'zh-CN': '爱沙尼亚', aliases: ['eesti', 'estonian'] },
	ES: { en: 'Spain', 'zh-CN': '西班牙', aliases: ['españa', 'espana', 'spanish'] },
	EU: { en: 'European Union (Schengen)', 'zh-CN': '欧盟（申根）', aliases: ['schengen', 'europe', '申根', '欧洲'] },
	FI: { en: 'Finland', 'zh-CN': '芬兰', aliases: ['suomi'] },
	FJ: { en: 'Fiji', 'zh-CN': '斐济', aliases: ['viti', 'fijian', '斐濟'] },
	FR: { en: 'France', 'zh-CN': '法国', aliases: ['french'] },
	GB: { en: 'United Kingdom', 'zh-CN': '英国', aliases: ['uk', 'britain', 'great britain', 'england', 'scotland', 'wales', 'british'] },
	GR: { en: 'Greece', 'zh-CN': '希腊', aliases: ['hellas', 'ελλάδα', 'greek'] },
	HK: { en: 'Hong Kong', 'zh-CN': '香港', aliases: ['hongkong', 'hk', 'hksar', 'hong kong sar', '香港特别行政区', '香港特區'] },
	HR: { en: 'Croatia', 'zh-CN': '克罗地亚', aliases: ['hrvatska', 'croatian'] },
	ID: { en: 'Indonesia', 'zh-CN': '印度尼西亚', aliases: ['印尼', 'indonesian', 'bali'] },
	IE: { en: 'Ireland', 'zh-CN': '爱尔兰', aliases: ['éire', 'eire', 'irish', 'republic of ireland'] },
	IL: { en: 'Israel', 'zh-CN': '以色列', aliases: ['ישראל', 'israeli'] },
	IN: { en: 'India', 'zh-CN': '印度', aliases: ['bharat', 'indian'] },
	IT: { en: 'Italy', 'zh-CN': '意大利', aliases: ['italia', 'italian'] },
	JM: { en: 'Jamaica', 'zh-CN': '牙买加', aliases: ['jamaican', 'jamaika', '牙買加'] },
	JO: { en: 'Jordan', 'zh-CN': '约旦', aliases: ['الأردن', 'jordanian', 'hashemite kingdom of jordan'] },
	JP: { en: 'Japan', 'zh-CN': '日本', aliases: ['nippon', 'japanese', '日本国'] },
	KH: { en: 'Cambodia', 'zh-CN': '柬埔寨', aliases: ['កម្ពុជា', 'kampuchea', 'cambodian'] },
	KR: { en: 'South Korea', 'zh-CN': '韩国', aliases: ['korea', 'republic of korea', '대한민국', '南韩'] },
	KZ: { en: 'Kazakhstan', 'zh-CN': '哈萨克斯坦', aliases: ['қазақстан', 'казахстан', 'kazakh'] },
	LK: { en: 'Sri Lanka', 'zh-CN': '斯里兰卡', aliases: ['ceylon', 'lanka', 'sri lankan', 'இலங்கை'] },
	LT: { en: 'Lithuania', 'zh-CN': '立陶宛', aliases: ['lietuva', 'lithuanian'] },
	LU: { en: 'Luxembourg', 'zh-CN': '卢森堡', aliases: ['lëtzebuerg', 'letzebuerg', 'luxemburg', 'luxembourgish', '盧森堡'] },
	MA: { en: 'Morocco', 'zh-CN': '摩洛哥', aliases: ['maroc', 'marokko', 'moroccan', 'المغرب', 'kingdom of morocco'] },
	MC: { en: 'Monaco', 'zh-CN': '摩纳哥', aliases: ['monégasque', 'monegasque', 'monte carlo', 'principauté de monaco', '摩納哥'] },
	MM: { en: 'Myanmar', 'zh-CN': '缅甸', aliases: ['burma', 'မြန်မာ', 'burmese'] },
	MO: { en: 'Macao', 'zh-CN': '澳门', aliases: ['澳門', 'macau', 'macao sar', '澳门特别行政区'] },
	MU: { en: 'Mauritius', 'zh-CN': '毛里求斯', aliases: ['maurice', 'mauritian', 'moris', '模里西斯'] },
	MX: { en: 'Mexico', 'zh-CN': '墨西哥', aliases: ['méxico'] },
	MY: { en: 'Malaysia', 'zh-CN': '马来西亚', aliases: ['大马', 'malaysian'] },
	NG: { en: 'Nigeria', 'zh-CN': '尼日利亚', aliases: ['nigerian'] },
	NL: { en: 'Netherlands', 'zh-CN': '荷兰', aliases: ['nederland', 'holland', 'the netherlands', 'dutch'] },
	NP: { en: 'Nepal', 'zh-CN': '尼泊尔', aliases: ['नेपाल', 'nepali', 'nepalese'] },
	NZ: { en: 'New Zealand', 'zh-CN': '新西兰', aliases: ['aotearoa', 'nz', '纽西兰', 'kiwi'] },
	OM: { en: 'Oman', 'zh-CN': '阿曼', aliases: ['عمان', 'sultanate of oman', 'omani'] },
	PK: { en: 'Pakistan', 'zh-CN': '巴基斯坦', aliases: ['پاکستان', 'pakistani'] },
	PL: { en: 'Poland', 'zh-CN': '波兰', aliases: ['polska', 'polish'] },
	RU: { en: 'Russia', 'zh-CN': '俄罗斯', aliases: ['russian federation', 'россия', '俄国'] },
	SA: { en: 'Saudi Arabia', 'zh-CN': '沙特阿拉伯', aliases: ['saudi', '沙特', 'ksa'] },
	SG: { en: 'Singapore', 'zh-CN': '新加坡', aliases: ['singapura', 'sg', '星洲', 'singaporean'] },
	SI: { en: 'Slovenia', 'zh-CN': '斯洛文尼亚', aliases: ['slovenija', 'slovenian', 'slowenien', 'slovénie', '斯洛文尼亞'] },
	TH: { en: 'Thailand', 'zh-CN': '泰国', aliases: ['ประเทศไทย', 'thai', 'siam'] },
	TR: { en: 'Türkiye', 'zh-CN': '土耳其', aliases: ['turkey', 'turkiye', 'turkish'] },
	TT: { en: 'Trinidad and Tobago', 'zh-CN': '特立尼达和多巴哥', aliases: ['trinidad', 'tobago', 'trinbago', 'trinidadian', '千里达'] },
	TW: { en: 'Taiwan', 'zh-CN': '台湾', aliases: ['臺灣', 'taiwan region', 'roc', 'taipei'] },
	TZ: { en: 'Tanzania', 'zh-CN': '坦桑尼亚', aliases: ['united republic of tanzania', 'zanzibar', 'tanzanian'] },
	UA: { en: 'Ukraine', 'zh-CN': '乌克兰', aliases: ['україна', 'ukraina', 'ukrainian'] },
	US: { en: 'United States', 'zh-CN': '美国', aliases: ['usa', 'america', 'united states of america', 'american'] },
	UZ: { en: 'Uzbekistan', 'zh-CN': '乌兹别克斯坦', aliases: ["o'zbekiston", 'узбекистан', 'uzbek'] },
	VE: { en: 'Venezuela', 'zh-CN': '委内瑞拉', aliases: ['venezuelan'] },
	VN: { en: 'Vietnam', 'zh-CN': '越南', aliases: ['việt nam', 'viet nam', 'vietnamese'] },
	ZA: { en: 'South Africa', 'zh-CN': '南非', aliases: ['rsa', 'suid-afrika', 'south african'] }
};

/** True for an upper-case ISO 3166-1 alpha-2 code known to tzdata, or "EU". */
export function isKnownCountry(code: string): boolean {
	return code === 'EU' || Object.hasOwn(ISO_3166_ALPHA2, code);
}

let zhRegionNames: Intl.DisplayNames | null | undefined;

/**
 * Chinese region name from the browser's own CLDR data (`Intl.DisplayNames`, no network), e.g.
 * "NL" → "荷兰"; undefined when the runtime lacks DisplayNames or has no name for the code.
 */
function displayNameZh(code: string): string | undefined {
	if (zhRegionNames === undefined) {
		try {
			zhRegionNames = new Intl.DisplayNames(['zh-CN'], { type: 'region', fallback: 'none' });
		} catch {
			zhRegionNames = null;
		}
	}
	try {
		return zhRegionNames?.of(code) ?? undefined;
	} catch {
		return undefined; // not a well-formed region code
	}
}

/**
 * Display name of a country code in 'en' or 'zh-CN'. Codes without a row in COUNTRY_NAMES fall
 * back to the tzdata English name ('en') or to the runtime's CLDR name via
 * `Intl.DisplayNames(['zh-CN'], { type: 'region' })` ('zh-CN', e.g. "NL" → "荷兰"), then to the
 * code itself. Search (search.ts) uses the same names, so every country is findable in Chinese.
 */
export function countryName(code: string, locale: 'en' | 'zh-CN' = 'en'): string {
	const names = COUNTRY_NAMES[code];
	if (names) return names[locale];
	if (locale === 'zh-CN' && isKnownCountry(code)) {
		const zh = displayNameZh(code);
		if (zh) return zh;
	}
	return ISO_3166_ALPHA2[code] ?? code;
}
