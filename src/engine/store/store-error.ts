export type StoreErrorCode = 'AlreadyExists' | 'NotFound' | 'Invalid' | 'Conflict' | 'Forbidden';

/** A refused write, worded as the API server words it. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
