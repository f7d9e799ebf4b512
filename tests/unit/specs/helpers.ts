/** A minimal valid spec as raw JSON (35x45 mm ICAO-style), for tests that mutate it. */
export function minimalSpecJson(): Record<string, any> {
	return {
		id: 'xx-test-photo',
		country: 'DE',
		document: { en: 'Test photo', 'zh-CN': '测试照片' },
		kind: 'other',
		print: { widthMm: 35, heightMm: 45 },
		head: { definition: 'skull-to-chin', minMm: 32, maxMm: 36 },
		background: {
			allowed: [{ name: 'white', hex: '#FFFFFF' }],
			recommended: '#FFFFFF',
			toleranceDeltaE: 10,
			editingAllowed: true
		},
		sources: [{ authority: 'Test', title: 'Test source', url: 'https://example.org/spec', checked: '2026-11-29' }],
		confidence: 'low'
	};
}
