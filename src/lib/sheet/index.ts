/** Print sheets: layout in mm, raster JPEG and vector PDF renderers. */
export { PAPERS, MM_PER_INCH, PT_PER_INCH, mmToPx, mmToPt, type PaperId, type PaperSize } from './papers';
export { layoutSheet, type SheetLayout, type Cell, type Tick, type LayoutOptions } from './layout';
export { renderSheetRgba, renderSheetJpeg, type SheetRasterOptions } from './render-jpeg';
export { renderSheetPdf, type SheetPdfOptions } from './render-pdf';
export { resampleRgba } from './resample';
