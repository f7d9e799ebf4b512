/** Matting stage: coarse person mask -> alpha (trimap + guided filter) -> foreground colours. */
export * from './box';
export * from './components';
export * from './trimap';
export * from './guided-filter';
export * from './foreground';
export * from './colour-model';
export * from './refine';
export * from './local-histogram';
export * from './colour-prior';
export * from './morphology';
export * from './combine-masks';
export * from './pair-alpha';
export * from './resample';
export * from './two-scale';
export * from './closed-form';
