/** A hash of the paths and contents of every file under `inputs` (relative to `root`). */
export function fingerprint(root?: string, inputs?: string[]): string;
