/**
 * The error thrown when a dataset file is missing, unreadable, corrupt or
 * does not match its checksum.
 */

/**
 * A problem with a dataset file (not with the caller's arguments, which give
 * `TypeError`/`RangeError`). The message names the file and says what was
 * expected and what was found; `path` holds the file (or directory) concerned
 * when there is one.
 */
export class DatasetError extends Error {
  /** The file or directory the error is about, when there is one. */
  readonly path: string | undefined;

  constructor(message: string, path?: string) {
    super(message);
    this.name = 'DatasetError';
    this.path = path;
  }
}
