/** The resolved database URL (DATABASE_URL, or the embedded server bootstrap started). */
export const DATABASE_URL = Symbol('DATABASE_URL');
