// Repository paths, resolved from this module (not from the working directory).
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const repoPath = (...parts: string[]) => fileURLToPath(new URL(`../../${parts.join('/')}`, import.meta.url));
