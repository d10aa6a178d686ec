/** A refused write, worded as the API server words it. */
export type StoreErrorCode = 'AlreadyExists' | 'NotFound' | 'Invalid' | 'Conflict' | 'Forbidden';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
