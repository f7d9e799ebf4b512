/** The `idphoto` command: usage, exit codes and the report's fields. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ASTRONAUT, PORTRAITS_DIR } from '../pipeline/helpers';

const BIN = join(import.meta.dirname, '../../../bin/idphoto.js');
const run = async (...args: string[]) => {
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { maxBuffer: 1 << 26 });
		return { code: 0, stdout, stderr };
	} catch (e) {
		const x = e as { code: number; stdout: string; stderr: string };
		return { code: x.code, stdout: x.stdout, stderr: x.stderr };
	}
};
const dir = mkdtempSync(join(tmpdir(), 'idphoto-cli-'));

describe('idphoto', () => {
	it('lists the specs as JSON', async () => {
		const r = await run('specs', '--json');
		expect(r.code).toBe(0);
		const ids = (JSON.parse(r.stdout) as { id: string }[]).map((s) => s.id);
		for (const id of ['us-passport', 'eu-schengen-visa', 'cn-resident-id', 'gb-passport-digital']) expect(ids).toContain(id);
	});

	it('exits 2 on bad usage', async () => {
		expect((await run('make', ASTRONAUT, '-o', join(dir, 'x.jpg'))).code).toBe(2);
		expect((await run('frobnicate')).code).toBe(2);
		const unknown = await run('make', ASTRONAUT, '--spec', 'us-pasport', '-o', join(dir, 'x.jpg'));
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/us-passport/);
	});

	it('exits 2 with a clear message for a file that is not an image', async () => {
		const bad = join(dir, 'notes.jpg');
		writeFileSync(bad, 'this is not a photo');
		const r = await run('check', bad, '--spec', 'us-passport');
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/not an image|not a picture|isn't an image|not.*image/i);
	});

	it('makes the photo, report and sheet; exits 3 when the face is too small for the resolution rule', async () => {
		const out = join(dir, 'a.jpg');
		const report = join(dir, 'a.json');
		const sheet = join(dir, 'a.pdf');
		const r = await run('make', ASTRONAUT, '--spec', 'us-passport', '-o', out, '--report', report, '--sheet', '4x6', '--sheet-out', sheet);
		// astronaut.png's eyes are 43 px apart: below the 90 px minimum (ISO/IEC 19794-5), so it cannot comply.
		expect(r.code).toBe(3);
		expect(r.stderr).toMatch(/resolution/);
		const meta = await sharp(readFileSync(out)).metadata();
		expect([meta.width, meta.height, meta.density]).toEqual([600, 600, 300]);
		const rep = JSON.parse(readFileSync(report, 'utf8'));
		expect(rep.spec.id).toBe('us-passport');
		expect(rep.output).toMatchObject({ widthPx: 600, heightPx: 600, dpi: 300, bytes: readFileSync(out).byteLength });
		for (const k of ['headHeightRatio', 'eyeLineFromBottomRatio', 'crownYPx', 'chinYPx', 'eyeYPx']) expect(Number.isFinite(rep.geometry[k]), k).toBe(true);
		expect(rep.geometry.crownYPx).toBeLessThan(rep.geometry.eyeYPx);
		expect(rep.geometry.eyeYPx).toBeLessThan(rep.geometry.chinYPx);
		expect(rep.checks.find((c: { id: string }) => c.id === 'resolution').status).toBe('fail');
		expect(readFileSync(sheet).subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('-o out.png writes the cut-out: a PNG of the exact px size with the matte as alpha and the dpi in pHYs', async () => {
		const out = join(dir, 'cut.png');
		const r = await run('make', ASTRONAUT, '--spec', 'us-passport', '-o', out);
		expect(r.code).toBe(3); // the resolution rule again; the file is still written
		const png = readFileSync(out);
		const meta = await sharp(png).metadata();
		expect([meta.format, meta.width, meta.height, meta.channels, meta.hasAlpha, meta.density]).toEqual(['png', 600, 600, 4, true, 300]);
		const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
		const alphaAt = (x: number, y: number) => data[(y * 600 + x) * 4 + 3];
		expect(alphaAt(5, 5)).toBe(0); // background corner: transparent
		expect(alphaAt(300, 300)).toBe(255); // the face: opaque
	});

	it.skipIf(!existsSync(PORTRAITS_DIR))('makes a compliant photo from a good portrait (exit 0) and `check` agrees', async () => {
		const out = join(dir, 'o.jpg');
		const r = await run('make', join(PORTRAITS_DIR, 'obama-official.jpg'), '--spec', 'eu-schengen-visa', '-o', out, '--background', '#ffffff');
		expect(r.stderr).not.toMatch(/not compliant/);
		expect(r.code).toBe(0);
		const c = await run('check', out, '--spec', 'eu-schengen-visa');
		expect(c.code).toBe(0);
		const rep = JSON.parse(c.stdout);
		expect(rep.output).toMatchObject({ widthPx: 413, heightPx: 531, dpi: 300 });
		for (const id of ['face-count', 'head-height', 'eye-line', 'output-size']) expect(rep.checks.find((x: { id: string }) => x.id === id).status, id).toBe('pass');
	});
});
