// digitkit is an ES module; `require('digitkit')` lands here to say so and how to load it instead.
throw new Error(
  "digitkit is an ES module and cannot be loaded with require(). From CommonJS, load it with " +
    "`const digitkit = await import('digitkit')` (or 'digitkit/browser'); see docs/browser-and-bundlers.md in the package.",
);
