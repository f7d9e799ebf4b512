/**
 * `idphoto`: the same pipeline as the app, on the command line (batch use and tests).
 *
 *   idphoto specs [--json]
 *   idphoto make <input> --spec <id> -o <out.jpg|out.png> [--report <report.json>]
 *                [--sheet <4x6|5x7|10x15|a4|letter> --sheet-out <file.jpg|file.pdf>]
 *                [--background <#rrggbb>] [--dpi <n>]
 *   idphoto check <input> --spec <id>
 *
 * Exit codes: 0 done, 1 unexpected error, 2 bad usage (or unreadable input), 3 the photo cannot be made compliant
 * (reason on stderr).
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { listSpecs, getSpec, UnknownSpecError } from '$lib/specs';
import { isDecodeError } from '$lib/pipeline/decode';
import { isPipelineError } from '$lib/pipeline/run/errors';
import { isSheetPaper, makeSheet } from '$lib/pipeline/run/sheet';
import { openPhotoNode, createNodeInference } from './node-pipeline';
import { makePhoto, checkPhoto } from '$lib/pipeline/run/photo';
import { assessAnalysis, makeReport } from '$lib/pipeline/run/report';
import type { PhotoReport } from '$lib/pipeline/api';

export const EXIT = { ok: 0, error: 1, usage: 2, cannotComply: 3 } as const;

const USAGE = `Usage:
  idphoto specs [--json]
  idphoto make <input> --spec <id> -o <out.jpg|out.png> [--report <report.json>]
               [--sheet <4x6|5x7|10x15|a4|letter> --sheet-out <file.jpg|file.pdf>]
               [--background <#rrggbb>] [--dpi <n>]
  idphoto check <input> --spec <id>`;

class UsageError extends Error {}

function usage(message: string): never {
	throw new UsageError(message);
}

async function cmdSpecs(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
	const specs = listSpecs();
	if (values.json) {
		process.stdout.write(JSON.stringify(specs, null, 2) + '\n');
		return EXIT.ok;
	}
	for (const s of specs) {
		const size = s.print ? `${s.print.widthMm}x${s.print.heightMm} mm` : `${s.digital?.widthPx ?? s.digital?.minWidthPx}x${s.digital?.heightPx ?? s.digital?.minHeightPx} px`;
		process.stdout.write(`${s.id.padEnd(28)} ${s.country}  ${size.padEnd(16)} ${s.document.en}\n`);
	}
	return EXIT.ok;
}

async function cmdMake(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		strict: true,
		options: {
			spec: { type: 'string' },
			output: { type: 'string', short: 'o' },
			report: { type: 'string' },
			sheet: { type: 'string' },
			'sheet-out': { type: 'string' },
			background: { type: 'string' },
			dpi: { type: 'string' }
		}
	});
	if (positionals.length !== 1) usage('make needs exactly one input file');
	if (!values.spec) usage('make needs --spec <id> (see `idphoto specs`)');
	if (!values.output) usage('make needs -o <out.jpg|out.png>');
	const outExt = extname(values.output).toLowerCase();
	if (!['.jpg', '.jpeg', '.png'].includes(outExt)) usage('-o must end in .jpg, .jpeg or .png');
	if (values.background && !/^#[0-9a-fA-F]{6}$/.test(values.background)) usage('--background must be #rrggbb');
	if (values.sheet && !isSheetPaper(values.sheet)) usage('--sheet must be one of 4x6, 5x7, 10x15, a4, letter');
	if (values.sheet && !values['sheet-out']) usage('--sheet needs --sheet-out <file.jpg|file.pdf>');
	const sheetExt = values['sheet-out'] ? extname(values['sheet-out']).toLowerCase() : '';
	if (values['sheet-out'] && !['.jpg', '.jpeg', '.pdf'].includes(sheetExt)) usage('--sheet-out must end in .jpg, .jpeg or .pdf');
	const spec = getSpec(values.spec);
	// Default: the spec's own print dpi (schema default 300), e.g. 400 for nl-passport.
	const dpi = values.dpi === undefined ? (spec.print?.dpi ?? 300) : Number(values.dpi);
	if (!Number.isInteger(dpi) || dpi < 72 || dpi > 2400) usage('--dpi must be a whole number from 72 to 2400');

	const inference = createNodeInference();
	try {
		const photo = await openPhotoNode(positionals[0]);
		const made = await makePhoto(photo, spec, { background: values.background ?? spec.background.recommended, dpi, headScale: 0, offsetXPx: 0, offsetY: 0 }, inference);
		await writeFile(values.output, outExt === '.png' ? await made.rendered.png() : made.rendered.jpeg);
		// The report with the input photo's quality checks (issue 4), marked on the finished photo.
		const quality = assessAnalysis(spec, made.analysis, { bytes: photo.bytes ?? null, format: photo.original.format });
		const report = makeReport(spec, made.analysis, made.rendered, quality);
		if (values.report) await writeFile(values.report, JSON.stringify(report, null, 2) + '\n');
		if (values.sheet && values['sheet-out'] && isSheetPaper(values.sheet)) {
			const sheet = await makeSheet({ spec, image: made.rendered.image, jpeg: made.rendered.jpeg, dpi: made.rendered.dpi }, values.sheet, sheetExt === '.pdf' ? 'pdf' : 'jpeg');
			await writeFile(values['sheet-out'], sheet.bytes);
		}
		for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
		writeQualityProblems(report);
		const failed = report.checks.filter((c) => c.status === 'fail');
		if (failed.length > 0) {
			for (const c of failed) process.stderr.write(`not compliant: ${c.id}: ${c.message}\n`);
			return EXIT.cannotComply;
		}
		return EXIT.ok;
	} finally {
		await inference.dispose();
	}
}

/**
 * Prints the input photo's quality problems (fail, then warn) to stderr, one line each with the fix. They do not change
 * the exit code: the finished photo's own checks decide that (a smile, for example, cannot be fixed by the app but is
 * for the person to judge against the authority's rules).
 */
function writeQualityProblems(report: PhotoReport): void {
	for (const c of report.quality?.checks ?? []) {
		if (c.status !== 'fail' && c.status !== 'warn') continue;
		process.stderr.write(`input photo ${c.status === 'fail' ? 'problem' : 'warning'}: ${c.id}: ${c.message}${c.fix ? ` Fix: ${c.fix}` : ''}\n`);
	}
}

async function cmdCheck(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { spec: { type: 'string' } } });
	if (positionals.length !== 1) usage('check needs exactly one input file');
	if (!values.spec) usage('check needs --spec <id>');
	const spec = getSpec(values.spec);
	const inference = createNodeInference();
	try {
		const photo = await openPhotoNode(positionals[0]);
		const report = await checkPhoto(photo, spec, inference);
		process.stdout.write(JSON.stringify(report, null, 2) + '\n');
		return EXIT.ok;
	} finally {
		await inference.dispose();
	}
}

/** Runs the CLI; returns the exit code (never calls process.exit, so tests can call it). */
export async function main(argv: string[]): Promise<number> {
	const [cmd, ...rest] = argv;
	try {
		switch (cmd) {
			case 'specs':
				return await cmdSpecs(rest);
			case 'make':
				return await cmdMake(rest);
			case 'check':
				return await cmdCheck(rest);
			case undefined:
			case '-h':
			case '--help':
				process.stdout.write(USAGE + '\n');
				return cmd === undefined ? EXIT.usage : EXIT.ok;
			default:
				usage(`unknown command "${cmd}"`);
		}
	} catch (e) {
		if (e instanceof UsageError || e instanceof UnknownSpecError || (e as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
			process.stderr.write(`idphoto: ${(e as Error).message}\n${USAGE}\n`);
			return EXIT.usage;
		}
		if (isDecodeError(e)) {
			process.stderr.write(`idphoto: ${e.message}\n`);
			return EXIT.usage;
		}
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
			process.stderr.write(`idphoto: ${(e as Error).message}\n`);
			return EXIT.usage;
		}
		if (isPipelineError(e)) {
			process.stderr.write(`idphoto: cannot make a compliant photo: ${e.message}\n`);
			return EXIT.cannotComply;
		}
		process.stderr.write(`idphoto: ${(e as Error).stack ?? e}\n`);
		return EXIT.error;
	}
}
