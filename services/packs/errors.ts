/** Why a pack was refused. The UI turns each code into a sentence in the learner's language. */
export type PackErrorCode =
  | 'unreadable'
  | 'not-a-pack'
  | 'unsigned'
  | 'malformed-signature'
  | 'untrusted-key'
  | 'bad-signature'
  | 'signature-mismatch'
  | 'malformed-manifest'
  | 'unknown-format'
  | 'needs-newer-app'
  | 'unlisted-file'
  | 'missing-file'
  | 'size-mismatch'
  | 'hash-mismatch'
  | 'unsafe-archive'
  | 'older-version'
  | 'same-version-different-content'
  | 'not-installed';

export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
    /** For 'untrusted-key': the key id the pack names, so the UI can offer to trust it. */
    readonly keyId?: string,
  ) {
    super(message);
    this.name = 'PackError';
  }
}
