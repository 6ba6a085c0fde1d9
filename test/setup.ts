import { dropTestDatabase } from './helpers/database';

// Every test file that used a database (test/helpers/database.ts) drops it when it ends.
afterAll(() => dropTestDatabase());
