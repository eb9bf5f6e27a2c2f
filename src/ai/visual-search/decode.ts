/**
 * Decoding an image for the descriptors: sharp turns any PNG, JPEG, GIF or WebP (EXIF rotation
 * applied, transparency laid on white) into a small square of RGB pixels. Images with more pixels
 * than a phone photo are refused before they are decoded (decompression bombs).
 */
import sharp from 'sharp';
import { AppError } from '../../kernel/index.js';
import { DESCRIPTOR_SIZE } from '../ml/vision/index.js';

export const MAX_PIXELS = 40_000_000;

export async function decodeForDescriptor(bytes: Buffer): Promise<{ rgb: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(DESCRIPTOR_SIZE, DESCRIPTOR_SIZE, { fit: 'contain', background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height };
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/pixel limit/i.test(msg)) throw new AppError('visual_search.image_too_large', `the image has more than ${MAX_PIXELS / 1_000_000} million pixels`, 413, [{ field: 'body.file', message: 'has too many pixels' }]);
    throw new AppError('visual_search.image_unreadable', 'the image could not be read (damaged or not an image)', 422, [{ field: 'body.file', message: 'could not be decoded' }]);
  }
}

/** A small PNG of the image for an embeddings endpoint (they take images as data URLs). */
export async function thumbnailDataUrl(bytes: Buffer): Promise<string> {
  const png = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate().resize(224, 224, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
