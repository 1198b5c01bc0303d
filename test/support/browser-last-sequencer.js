const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's own order (failed first, then slowest first), with the browser files after all others:
 * each starts a Chromium beside its stack, and on a small machine (Jest then runs one file at a
 * time) they come last instead of landing between the integration files; on a larger one they
 * overlap only the last integration files still running.
 */
class BrowserLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isBrowser = (test) => test.context.config.displayName?.name === 'browser';
    return [...sorted.filter((test) => !isBrowser(test)), ...sorted.filter(isBrowser)];
  }
}

module.exports = BrowserLastSequencer;
