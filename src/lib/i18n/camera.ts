/**
 * Camera texts in the interface language: the live guidance message by its id (src/lib/camera/guidance.ts
 * GuidanceId; the English text there stays for tests and benches) and camera failures by CameraError.problem
 * (src/lib/camera/stream.ts).
 */
import type { Guidance } from '$lib/camera/guidance';
import type { CameraError } from '$lib/camera/stream';
import type { Formatter } from './spec-text';

/**
 * The guidance message of `g` in the interface language (`camera.guidance.<id>`). Direction-dependent
 * messages ('straighten-head', 'face-camera', 'chin-level') take their side from the direction word
 * guidance.ts messageFor put in `g.message` (roll, yaw and pitch of that same frame; yaw and pitch are
 * not part of Guidance, and StableMessage may keep an older message than the latest face estimate).
 */
export function guidanceText(g: Pick<Guidance, 'id' | 'message'>, tr: Formatter): string {
	switch (g.id) {
		case 'straighten-head':
			return tr('camera.guidance.straighten-head', { values: { side: /your left\.$/.test(g.message) ? 'left' : 'right' } });
		case 'face-camera':
			return tr('camera.guidance.face-camera', { values: { side: /your left\.$/.test(g.message) ? 'left' : 'right' } });
		case 'chin-level':
			return tr(/^Lower/.test(g.message) ? 'camera.guidance.chin-lower' : 'camera.guidance.chin-raise');
		default:
			return tr(`camera.guidance.${g.id}`);
	}
}

/** Why the camera could not be used, in the interface language (`camera.error.<problem>`). */
export function cameraErrorText(e: Pick<CameraError, 'problem'>, tr: Formatter): string {
	return tr(`camera.error.${e.problem}`);
}
