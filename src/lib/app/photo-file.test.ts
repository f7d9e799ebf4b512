import { describe, expect, it } from 'vitest';
import { formatBytes, photoFileProblem } from './photo-file';

describe('photoFileProblem', () => {
	it('accepts image MIME types and HEIC by extension when the MIME type is missing', () => {
		expect(photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 10 })).toBeNull();
		expect(photoFileProblem({ name: 'IMG_0001.HEIC', type: '', size: 10 })).toBeNull();
		expect(photoFileProblem({ name: 'b.heif', type: 'application/octet-stream', size: 10 })).toBeNull();
	});

	it('rejects empty files and non-images with a message naming the file', () => {
		expect(photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toMatch(/empty/);
		expect(photoFileProblem({ name: 'cv.pdf', type: 'application/pdf', size: 10 })).toContain('“cv.pdf” is not a photo');
		expect(photoFileProblem({ name: 'notes.txt', type: '', size: 10 })).toContain('not a photo');
	});
});

describe('formatBytes', () => {
	it('uses decimal units (1 kB = 1000 bytes), written kB like the check report', () => {
		expect(formatBytes(999)).toBe('999 bytes');
		expect(formatBytes(240_000)).toBe('240 kB');
		expect(formatBytes(1_540_000)).toBe('1.5 MB');
	});
});
