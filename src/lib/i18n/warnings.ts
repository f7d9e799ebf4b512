/**
 * Pipeline warnings (AnalysisSummary.warnings, RenderResult.report.warnings) in the interface
 * language. The pipeline writes them in English (the CLI prints them as they are); each known
 * wording is matched here and translated by key (`warnings.<key>`), its numbers passed as values.
 * Sources: src/lib/pipeline/geometry/layout.ts, geometry/extension.ts retakeAdvice,
 * run/analyse.ts, run/render.ts. Unrecognised warnings are shown as they are.
 */
import type { Formatter } from './spec-text';
import { colourName } from './spec-text';

interface Rule {
	match: RegExp;
	key: string;
	groups?: string[];
}

const RULES: Rule[] = [
	{ match: /^The hair reaches the top edge of the source photo: the crown may be higher than measured\.$/, key: 'crown-touches-edge' },
	{ match: /^No person mask over the head: the crown was estimated from the face landmarks \(skull top, hair excluded\)\.$/, key: 'crown-estimated' },
	{
		match: /^Head height moved from ([\d.]+) % to ([\d.]+) % of the photo height to meet the eye-line and top-margin windows together\.$/,
		key: 'head-moved',
		groups: ['from', 'to']
	},
	{ match: /^The top-margin window cannot be met together with the head-height and eye-line windows for this face\.$/, key: 'top-margin-conflict' },
	{ match: /^There is too little space above the head with the required head height and eye line for this face\.$/, key: 'top-space-conflict' },
	{ match: /^The eye-line window cannot be met together with the head-height window for this face \(unusual head proportions\)\.$/, key: 'eye-line-conflict' },
	{ match: /^(\d+) faces found: using the largest\. An ID photo must show only you\.$/, key: 'several-faces', groups: ['count'] },
	{
		match: /^The photo has to be enlarged ([\d.]+)x to reach the required size; it will look soft\. Move closer or use a higher resolution\.$/,
		key: 'enlarged',
		groups: ['scale']
	},
	{ match: /^The top of the head is cut off or touches the top edge of the photo\. Leave space above the hair\.$/, key: 'head-cut' },
	{ match: /^The photo does not reach far enough to the side of the head\. Stand in the centre of the frame and leave space on both sides\.$/, key: 'side-cut' },
	{ match: /^The shoulders are cut off in this photo; the clothing will be extended downwards\. For a better result include the shoulders\.$/, key: 'shoulders-cut' },
	{ match: /^The head is tilted by (\d+) degrees\. Hold the head straight\.$/, key: 'tilted', groups: ['deg'] },
	{ match: /^With the required head size the eyes cannot be placed at the required height for this face\.$/, key: 'eyes-conflict' },
	{ match: /^With the required head size and eye line, the space above the head cannot be met for this face \(tall hair\?\)\.$/, key: 'top-conflict' }
];

/** "<document>: the authority does not allow … plain <colours> wall." (run/render.ts). */
const NO_EDITING = /^(.*): the authority does not allow the background to be edited, so the photo's own background is kept\. Take the photo in front of a plain (.*) wall\.$/s;

/**
 * A pipeline warning in the interface language (see module doc).
 * @param documentName maps the English document name a warning starts with (run/render.ts) to its name in the interface language.
 */
export function warningText(text: string, tr: Formatter, documentName: (english: string) => string = (en) => en): string {
	for (const rule of RULES) {
		const m = rule.match.exec(text);
		if (!m) continue;
		const values: Record<string, string> = {};
		rule.groups?.forEach((g, i) => (values[g] = m[i + 1]));
		return tr(`warnings.${rule.key}`, { values });
	}
	const noEditing = NO_EDITING.exec(text);
	if (noEditing) {
		const colours = noEditing[2].split(' or ').map((c) => colourName(c, tr));
		return tr('warnings.no-editing', { values: { document: documentName(noEditing[1]), colours: colours.join(tr('result.adjust.or')) } });
	}
	return text;
}
