/**
 * The check sentences (src/lib/quality/messages.ts): the core's English renderer agrees with intl-messageformat (what
 * svelte-i18n uses in the interface) on every template of locales/en/checks.json, for every select option; and the
 * number format of src/lib/quality/format.ts.
 */
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from '../../../src/lib/i18n/locales/en/checks.json';
import { englishTemplate, formatTemplate, renderText } from '../../../src/lib/quality/messages';
import { fmtDeg, fmtNum, fmtPct } from '../../../src/lib/quality/format';

type Tree = { [k: string]: string | Tree };
const flat = (o: Tree, p = ''): [string, string][] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[p + k, v] as [string, string]] : flat(v, `${p}${k}.`)));
const TEMPLATES = flat(en as Tree);

/** Arguments of a template: plain names, and select/plural names with their option keys. */
function argumentsOf(els: MessageFormatElement[], out = new Map<string, string[] | null>()): Map<string, string[] | null> {
	for (const e of els) {
		if (e.type === TYPE.argument || e.type === TYPE.number) {
			if (!out.has(e.value)) out.set(e.value, null);
		} else if (e.type === TYPE.select || e.type === TYPE.plural) {
			out.set(e.value, Object.keys(e.options).map((k) => (e.type === TYPE.plural ? (k.startsWith('=') ? k.slice(1) : k === 'one' ? '1' : '7') : k)));
			for (const o of Object.values(e.options)) argumentsOf(o.value, out);
		}
	}
	return out;
}

describe('English check sentences', () => {
	it(`renders all ${TEMPLATES.length} templates as intl-messageformat does, for every select option`, () => {
		let compared = 0;
		for (const [key, template] of TEMPLATES) {
			const args = argumentsOf(parse(template));
			const base: Record<string, string | number> = {};
			for (const [name, opts] of args) base[name] = opts ? opts[0] : `⟨${name}⟩`;
			const variants: Record<string, string | number>[] = [base];
			for (const [name, opts] of args) for (const o of opts ?? []) variants.push({ ...base, [name]: o === 'other' ? 'something-else' : o });
			for (const values of variants) {
				const expected = String(new IntlMessageFormat(template, 'en').format(values));
				expect(formatTemplate(template, values), `${key} with ${JSON.stringify(values)}`).toBe(expected);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(TEMPLATES.length);
	});

	it('renders a check text by key, and refuses an unknown key or a missing value', () => {
		expect(renderText({ key: 'yaw.problem', values: { measured: '11.4°', limit: '5°', side: 'left' } })).toBe(
			'The head is turned 11.4° to your left; at most 5° is allowed.'
		);
		expect(renderText({ key: 'pitch.fix', values: { direction: 'lift' } })).toBe('Lift your chin slightly.');
		expect(englishTemplate('yaw')).toBeUndefined();
		expect(() => renderText({ key: 'yaw.nothing', values: {} })).toThrow(/no English template for checks.yaw.nothing/);
		expect(() => renderText({ key: 'yaw.problem', values: { measured: '1°' } })).toThrow(/needs a value for \{side\}/);
	});
});

describe('number format', () => {
	it('writes one format: "." decimals without trailing zeros, a space before units, none before °', () => {
		expect(fmtNum(12.3456, 2)).toBe('12.35');
		expect(fmtNum(12.5, 0)).toBe('13');
		expect(fmtNum(0.1 + 0.2, 3)).toBe('0.3');
		expect(fmtNum(-0.04, 1)).toBe('0');
		expect(fmtNum(NaN)).toBe('—');
		expect(fmtDeg(-11.44)).toBe('11.4°');
		expect(fmtDeg(-11.44, false)).toBe('-11.4°');
		expect(fmtPct(0.2544)).toBe('25.4 %');
		expect(fmtPct(0.02, 0)).toBe('2 %');
	});
});
