import { describe, expect, it } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../../helpers/services.js';
import { storeSuite } from './store-suite.js';

const available = await postgresAvailable();

describe.runIf(available)('KyselyStore on PostgreSQL', () => {
  let schema = '';
  storeSuite(
    async () => {
      schema = testSchema('store');
      return openStore(PG_URL, { pgSchema: schema });
    },
    async () => dropSchema(schema),
  );
});

describe('PostgreSQL unreachable', () => {
  it('is a SERVICE_UNREACHABLE error naming the server, without the password', async () => {
    await expect(openStore('postgres://someone:secret@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'SERVICE_UNREACHABLE',
      message: expect.not.stringContaining('secret'),
    });
  });
});
