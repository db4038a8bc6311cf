/** Request bodies compressed with the platform's own gzip (CompressionStream, in browsers and Node alike). */
export async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Below this a batch is sent as it is: gzip's header and dictionary would save nothing. */
export const GZIP_FROM_BYTES = 1024;
