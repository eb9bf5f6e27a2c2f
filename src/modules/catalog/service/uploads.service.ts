/**
 * Uploaded product images live under DATA_DIR/uploads with names we choose (never the client's),
 * after the bytes prove to be a PNG, JPEG, GIF or WebP. SVG is refused: it can carry script.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError, newId } from '../../../kernel/index.js';
import { MIME_BY_EXT, sniffImage } from '../domain/image-type.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const UPLOAD_NAME = /^img_[0-9a-z]{26}\.(png|jpg|gif|webp)$/;

export class UploadsService {
  private dir: string;
  constructor(dataDir: string) { this.dir = join(resolve(dataDir), 'uploads'); }

  /** Stores an image and returns its id and public path. */
  async save(bytes: Buffer): Promise<{ id: string; url: string; file: string }> {
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('catalog.image_too_large', `images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 413, [{ field: 'body.file', message: 'is too large' }]);
    const type = sniffImage(bytes);
    if (!type) throw new AppError('catalog.image_type_unsupported', 'the file is not a PNG, JPEG, GIF or WebP image', 415, [{ field: 'body.file', message: 'is not a supported image' }]);
    const id = newId('img');
    const name = `${id}.${type.ext}`;
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, name);
    await writeFile(file, bytes, { flag: 'wx', mode: 0o644 });
    return { id, url: `/uploads/${name}`, file };
  }

  async discard(file: string): Promise<void> {
    await unlink(file).catch(() => undefined);
  }

  /** The bytes of a stored image by its public path (`/uploads/<name>`), or undefined. */
  async read(url: string): Promise<Buffer | undefined> {
    const m = /^\/uploads\/([^/]+)$/.exec(url);
    if (!m || !UPLOAD_NAME.test(m[1])) return undefined;
    return readFile(join(this.dir, m[1])).catch(() => undefined);
  }

  /** A stored image as a stream with its type, or undefined. Only names we generated are accepted. */
  async open(name: string): Promise<{ stream: NodeJS.ReadableStream; mime: string; size: number } | undefined> {
    const m = UPLOAD_NAME.exec(name);
    if (!m) return undefined;
    const file = join(this.dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return { stream: createReadStream(file), mime: MIME_BY_EXT[m[1]], size: info.size };
  }
}
