import { describe, expect, it } from 'vitest';
import { countryOfTimeZone, suggestCountry } from '../../../src/lib/specs/locale';

describe('countryOfTimeZone', () => {
	it('maps canonical and legacy IANA names', () => {
		expect(countryOfTimeZone('Europe/London')).toBe('GB');
		expect(countryOfTimeZone('Asia/Shanghai')).toBe('CN');
		expect(countryOfTimeZone('Asia/Calcutta')).toBe('IN'); // legacy name still reported by browsers
		expect(countryOfTimeZone('US/Central')).toBe('US');
		expect(countryOfTimeZone('Iceland')).toBe('IS'); // link whose target (Abidjan) is another country
		expect(countryOfTimeZone('UTC')).toBeUndefined();
		expect(countryOfTimeZone('Etc/GMT+3')).toBeUndefined();
		expect(countryOfTimeZone('toString')).toBeUndefined();
	});
});

describe('suggestCountry', () => {
	const cases: [string[], string, string | undefined][] = [
		[['en-GB'], 'Europe/London', 'GB'],
		[['zh-CN'], 'Asia/Shanghai', 'CN'],
		[['en-US'], 'America/Chicago', 'US'],
		[['en-US', 'en'], 'Asia/Kolkata', 'IN'], // tie US/IN -> time zone wins
		[['en-US'], 'Europe/Berlin', 'DE'],
		[['de'], 'UTC', 'DE'], // likely region of "de"
		[['en'], 'Asia/Kolkata', 'IN'], // zone 2 > likely region 0.5
		[['ja'], 'Asia/Tokyo', 'JP'],
		[['zh-Hans'], 'Asia/Shanghai', 'CN'],
		[['zh-TW'], 'Asia/Taipei', 'TW'],
		[['fr-CA', 'en-CA'], 'America/Toronto', 'CA'],
		[['es-419'], 'America/Mexico_City', 'MX'], // numeric region ignored
		[['en_AU'], 'Australia/Sydney', 'AU'], // underscore form
		[['ko-KR', 'en-US'], 'UTC', 'KR'], // first tag outweighs the second
		[['not a tag!!'], 'Europe/Paris', 'FR'],
		[[], 'UTC', undefined],
		[['en-GB', 'de-DE'], 'Europe/Berlin', 'DE'] // DE: zone 2 + later tag 1 > GB 2
	];
	for (const [languages, timeZone, want] of cases) {
		it(`${JSON.stringify(languages)} + ${timeZone} -> ${want}`, () => {
			expect(suggestCountry({ languages, timeZone })).toBe(want);
		});
	}
});
