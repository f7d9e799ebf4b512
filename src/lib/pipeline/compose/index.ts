/** Composition stage: alpha compositing over a flat background, extension beyond the source, colour differences. */
export * from './composite';
export * from './color';
export * from './hex';
