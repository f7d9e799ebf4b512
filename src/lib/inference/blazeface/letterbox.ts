import type { Box } from '../../types';
import type { Affine } from '../math/affine';

/**
 * The transform from model-input tensor px to source px for MediaPipe's ImageToTensorCalculator with
 * `keep_aspect_ratio: true` (face_detection.pbtxt): the region is grown along one axis, about its
 * centre, until it has the tensor's aspect ratio (PadRoi in image_to_tensor_utils.cc), then scaled
 * onto the tensor; the added margin is letterbox padding (BORDER_ZERO).
 * @param region source region, px (usually the whole image)
 * @param tensorWidth model input width, px
 * @param tensorHeight model input height, px
 * @returns tensor px → source px (no rotation)
 */
export function letterboxTransform(region: Box, tensorWidth: number, tensorHeight: number): Affine {
	const tensorAspect = tensorHeight / tensorWidth;
	const roiAspect = region.height / region.width;
	let w = region.width;
	let h = region.height;
	if (tensorAspect > roiAspect) h = w * tensorAspect;
	else w = h / tensorAspect;
	const cx = region.x + region.width / 2;
	const cy = region.y + region.height / 2;
	const sx = w / tensorWidth;
	const sy = h / tensorHeight;
	return [sx, 0, cx - w / 2, 0, sy, cy - h / 2];
}
