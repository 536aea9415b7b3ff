import { describe, expect, it } from 'vitest';
import { threadFlags } from '../../workers/start-worker.js';

describe('threadFlags', () => {
  it('drops V8 heap flags that threads refuse and keeps the cap as resourceLimits', () => {
    expect(threadFlags(['--max-old-space-size=512', '--enable-source-maps'])).toEqual({
      execArgv: ['--enable-source-maps'],
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    expect(threadFlags(['--max_old_space_size=256', '--max-semi-space-size=16'])).toEqual({
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
  });

  it('passes other flags through untouched', () => {
    expect(threadFlags(['--conditions=dev'])).toEqual({ execArgv: ['--conditions=dev'] });
  });
});
