/** Vision: image descriptors (colour, shape, texture) and their similarity, from raw pixels. */
export { describeImage, similarity, embeddingSimilarity, rgbToLab, DESCRIPTOR_SIZE, DESCRIPTOR_VERSION, type ImageDescriptor } from './descriptors.js';
