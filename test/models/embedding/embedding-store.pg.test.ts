import { describe } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../../helpers/services.js';
import { embeddingStoreSuite } from './embedding-store-suite.js';

const available = await postgresAvailable();

describe.runIf(available)('embedding cache on PostgreSQL', () => {
  let schema = '';
  embeddingStoreSuite(
    async () => {
      schema = testSchema('emb');
      return openStore(PG_URL, { pgSchema: schema });
    },
    async () => dropSchema(schema),
  );
});
