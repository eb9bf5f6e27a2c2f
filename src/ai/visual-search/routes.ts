/** Visual search routes: shoppers upload a photo; staff see coverage and can describe the whole catalogue again. Thin. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../kernel/index.js';
import { access, enqueueJob, Nullable, route, Strict, type AnyRoute } from '../../platform/index.js';
import { MAX_IMAGE_BYTES } from '../../modules/catalog/index.js';
import { VisualSearch } from './service.js';

export const REBUILD_JOB = 'visual_search.describe_all';

const Match = Type.Object({
  productId: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()),
  priceRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer(), currency: Type.String() })), inStock: Type.Boolean(),
  imageUrl: Type.String(), score: Type.Number(),
  colour: Nullable(Type.Number()), shape: Nullable(Type.Number()), texture: Nullable(Type.Number()),
  dominant: Nullable(Type.String({ description: 'the matched image\'s main colour in words' })),
  reason: Type.String({ description: 'what the photo and the product image share' }),
});
const Result = Type.Object({
  method: Type.Union([Type.Literal('descriptors'), Type.Literal('embeddings')]),
  fallbackReason: Nullable(Type.String()),
  query: Type.Object({ dominant: Type.String(), width: Type.Integer(), height: Type.Integer() }),
  items: Type.Array(Match),
});

export function visualSearchRoutes(search: VisualSearch): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/store/visual-search', access: access.optional, tags: ['store: visual search'], rawBody: true, status: 200, rateLimit: 30,
      summary: `Find products that look like a photo (multipart field \`file\`: PNG, JPEG, GIF or WebP up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`,
      description: 'Answers products ranked by how alike their images look (colour, shape and texture descriptors, or image embeddings when configured), each with the reason. '
        + 'Refusals: 400 without a file, 413 for a file over the size limit or with too many pixels, 415 for anything that is not a raster image, 422 for a damaged image.',
      query: Strict({ limit: Type.Integer({ minimum: 1, maximum: 48, default: 12 }) }),
      response: { 200: Result },
      handler: async ({ query, req }) => {
        if (!req.isMultipart()) throw new AppError('visual_search.multipart_required', 'send the photo as multipart/form-data in the field `file`', 415, [{ field: 'body.file', message: 'must be a multipart file' }]);
        const part = await req.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
        if (!part || part.fieldname !== 'file') throw new AppError('validation.failed', 'invalid request: body.file is required', 400, [{ field: 'body.file', message: 'is required' }]);
        let bytes: Buffer;
        try { bytes = await part.toBuffer(); } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('visual_search.image_too_large', `photos may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 413, [{ field: 'body.file', message: 'is too large' }]);
          throw e;
        }
        return search.search(bytes, query.limit);
      },
    }),
    route({
      method: 'GET', url: '/admin/visual-search/status', access: access.staff('catalog:read'), tags: ['admin: visual search'],
      summary: 'How many product images have descriptors (and embeddings, when configured)',
      response: { 200: Type.Object({ methods: Type.Array(Type.Object({ method: Type.String(), images: Type.Integer(), products: Type.Integer() })), embeddings: Nullable(Type.String()) }) },
      handler: async ({ ctx }) => search.status(ctx),
    }),
    route({
      method: 'POST', url: '/admin/visual-search/rebuild', access: access.staff('catalog:write'), tags: ['admin: visual search'], status: 202,
      summary: 'Describe every active product\'s images that have no descriptor yet (a background job)',
      response: { 202: Type.Object({ queued: Type.Boolean() }) },
      handler: async ({ ctx }) => { await enqueueJob(ctx, REBUILD_JOB, {}); return { queued: true }; },
    }),
  ];
}
