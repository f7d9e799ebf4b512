/**
 * Platform-neutral decode API (no sharp, no DOM): sniffing, header reading, limits, EXIF
 * orientation. Adapters: `./node` (sharp) and `./browser` (createImageBitmap + OffscreenCanvas).
 */
export { DecodeError, isDecodeError, type DecodeErrorCode } from './errors';
export { sniffFormat, ftypBrands, type ImageFormat } from './sniff';
export { readImageHeader, readJpegHeader, readPngHeader, readWebpHeader, readHeifHeader, isComplete, colorSpaceOf, type ImageHeader } from './header';
export { preflight, checkDimensions, DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE, DEFAULT_MIN_SHORT_SIDE, type DecodeLimits } from './limits';
export { applyOrientation, readOrientation, swapsAxes, type Orientation } from './orientation';
export { planRegion, uprightToStored, type IntRect, type RegionPlan } from './region';
export { workingSize, type DecodedImage, type DecodeOptions, type OriginalInfo } from './types';
