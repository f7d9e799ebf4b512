/**
 * SSD anchors for BlazeFace, generated the way MediaPipe's SsdAnchorsCalculator does
 * (mediapipe/calculators/tflite/ssd_anchors_calculator.cc), with the options of
 * mediapipe/modules/face_detection/face_detection.pbtxt plus
 * face_detection_short_range.pbtxt / face_detection_full_range.pbtxt.
 */

/** One anchor; all values normalised to the model input (0..1). */
export interface Anchor {
	xCenter: number;
	yCenter: number;
	width: number;
	height: number;
}

/** The subset of `SsdAnchorsCalculatorOptions` that BlazeFace uses (field names as in the proto). */
export interface SsdAnchorOptions {
	inputSizeWidth: number;
	inputSizeHeight: number;
	minScale: number;
	maxScale: number;
	anchorOffsetX: number;
	anchorOffsetY: number;
	numLayers: number;
	strides: number[];
	aspectRatios: number[];
	/** > 0 adds one extra anchor per location with scale sqrt(scale * nextScale) and this aspect ratio. */
	interpolatedScaleAspectRatio: number;
	/** When true every anchor has width = height = 1 (BlazeFace regresses absolute sizes). */
	fixedAnchorSize: boolean;
	/** When true the lowest layer gets 3 fixed boxes (0.1 / 2:1 / 1:2); false for BlazeFace. */
	reduceBoxesInLowestLayer: boolean;
}

/** Short-range BlazeFace, 128x128 input: 16x16x2 + 8x8x6 = 896 anchors. */
export const SHORT_RANGE_ANCHORS: SsdAnchorOptions = {
	inputSizeWidth: 128,
	inputSizeHeight: 128,
	minScale: 0.1484375,
	maxScale: 0.75,
	anchorOffsetX: 0.5,
	anchorOffsetY: 0.5,
	numLayers: 4,
	strides: [8, 16, 16, 16],
	aspectRatios: [1.0],
	interpolatedScaleAspectRatio: 1.0,
	fixedAnchorSize: true,
	reduceBoxesInLowestLayer: false
};

/** Full-range BlazeFace, 192x192 input: 48x48x1 = 2304 anchors. */
export const FULL_RANGE_ANCHORS: SsdAnchorOptions = {
	inputSizeWidth: 192,
	inputSizeHeight: 192,
	minScale: 0.1484375,
	maxScale: 0.75,
	anchorOffsetX: 0.5,
	anchorOffsetY: 0.5,
	numLayers: 1,
	strides: [4],
	aspectRatios: [1.0],
	interpolatedScaleAspectRatio: 0.0,
	fixedAnchorSize: true,
	reduceBoxesInLowestLayer: false
};

/** Linear interpolation of the anchor scale between min and max over the strides (CalculateScale). */
function calculateScale(minScale: number, maxScale: number, strideIndex: number, numStrides: number): number {
	if (numStrides === 1) return (minScale + maxScale) * 0.5;
	return minScale + ((maxScale - minScale) * strideIndex) / (numStrides - 1);
}

/**
 * Generates the anchors in the model's output order: layers with equal stride are merged,
 * then for each feature-map row y, column x, every anchor of that location.
 * @throws Error when `strides.length !== numLayers`.
 */
export function generateAnchors(o: SsdAnchorOptions): Anchor[] {
	if (o.strides.length !== o.numLayers) throw new Error('generateAnchors: strides.length must equal numLayers');
	const anchors: Anchor[] = [];
	let layer = 0;
	while (layer < o.numLayers) {
		const heights: number[] = [];
		const widths: number[] = [];
		const ratios: number[] = [];
		const scales: number[] = [];
		let last = layer;
		while (last < o.strides.length && o.strides[last] === o.strides[layer]) {
			const scale = calculateScale(o.minScale, o.maxScale, last, o.strides.length);
			if (last === 0 && o.reduceBoxesInLowestLayer) {
				ratios.push(1.0, 2.0, 0.5);
				scales.push(0.1, scale, scale);
			} else {
				for (const ar of o.aspectRatios) {
					ratios.push(ar);
					scales.push(scale);
				}
				if (o.interpolatedScaleAspectRatio > 0) {
					const next =
						last === o.strides.length - 1 ? 1.0 : calculateScale(o.minScale, o.maxScale, last + 1, o.strides.length);
					scales.push(Math.sqrt(scale * next));
					ratios.push(o.interpolatedScaleAspectRatio);
				}
			}
			last++;
		}
		for (let i = 0; i < ratios.length; i++) {
			const r = Math.sqrt(ratios[i]);
			heights.push(scales[i] / r);
			widths.push(scales[i] * r);
		}
		const stride = o.strides[layer];
		const fmH = Math.ceil(o.inputSizeHeight / stride);
		const fmW = Math.ceil(o.inputSizeWidth / stride);
		for (let y = 0; y < fmH; y++) {
			for (let x = 0; x < fmW; x++) {
				for (let id = 0; id < heights.length; id++) {
					anchors.push({
						xCenter: (x + o.anchorOffsetX) / fmW,
						yCenter: (y + o.anchorOffsetY) / fmH,
						width: o.fixedAnchorSize ? 1 : widths[id],
						height: o.fixedAnchorSize ? 1 : heights[id]
					});
				}
			}
		}
		layer = last;
	}
	return anchors;
}
