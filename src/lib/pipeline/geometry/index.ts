/** Geometry stage: head measurement, crop layout, extension / retake advice, affine warps. */
export * from './affine';
export * from './landmarks';
export * from './measure-head';
export * from './layout';
export * from './extension';
export * from './warp';
