import { historyShardsFrom, temporalModeFrom } from '../../platform/temporal-mode';

describe('the Temporal mode and shard count from the environment', () => {
  it('runs the dev server unless cluster is asked for, and refuses anything else', () => {
    expect(temporalModeFrom({})).toBe('dev');
    expect(temporalModeFrom({ TEMPORAL_MODE: 'cluster' })).toBe('cluster');
    expect(() => temporalModeFrom({ TEMPORAL_MODE: 'prod' })).toThrow(/"dev" or "cluster", got "prod"/);
  });

  it("leaves the shard count to the server configuration's default when unset", () => {
    expect(historyShardsFrom({})).toBeUndefined();
    expect(historyShardsFrom({ TEMPORAL_HISTORY_SHARDS: '' })).toBeUndefined();
    expect(historyShardsFrom({ TEMPORAL_HISTORY_SHARDS: '16' })).toBe(16);
  });

  it('refuses a shard count that is not a positive whole number', () => {
    for (const raw of ['0', '-4', '1.5', 'many'])
      expect(() => historyShardsFrom({ TEMPORAL_HISTORY_SHARDS: raw })).toThrow(`got "${raw}"`);
  });

  it('names the rename when only the old TEMPORAL_NUM_HISTORY_SHARDS is set, rather than taking the default', () => {
    expect(() => historyShardsFrom({ TEMPORAL_NUM_HISTORY_SHARDS: '64' })).toThrow(/now TEMPORAL_HISTORY_SHARDS/);
    expect(historyShardsFrom({ TEMPORAL_NUM_HISTORY_SHARDS: '64', TEMPORAL_HISTORY_SHARDS: '32' })).toBe(32);
  });
});
