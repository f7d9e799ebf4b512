/** Encoders shared by the worker and the CLI (pure JS; no sharp, no DOM). Sizes are in bytes. */
export { encodeJpeg, encodeJpegRaw, flattenAlpha, type JpegOptions } from './jpeg';
export { encodeJpegInWindow, JpegSizeError, type JpegWindowOptions, type JpegWindowResult, type RawJpegEncoder } from './window';
export { jpegSegments, jfifApp0, comPadding, rewriteJpegHeader, readJfifDpi, MAX_COM_PAYLOAD, type JpegSegment } from './jfif';
export { encodePng, insertPhys, physChunk, dpiToPixelsPerMetre } from './png';
export { kbToBytes, kbToBytesCeil, bytesToKb, type KbUnit } from './units';
export { crc32 } from './crc32';
