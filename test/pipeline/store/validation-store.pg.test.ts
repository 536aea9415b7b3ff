import { describe } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../../helpers/services.js';
import { validationSuite } from './validation-suite.js';

const available = await postgresAvailable();

describe.runIf(available)('validation store on PostgreSQL', () => {
  let schema = '';
  validationSuite(
    async () => {
      schema = testSchema('val');
      return openStore(PG_URL, { pgSchema: schema });
    },
    async () => dropSchema(schema),
  );
});
