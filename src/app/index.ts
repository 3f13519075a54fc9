/** The composition root. Today it holds the demo scenario; the storm center's wiring lands here next. */

export { findBundled } from './bundled.js';
export { playCapture } from './demo-player.js';
export { buildDemoScenario, type DemoScenario, type DemoStep } from './demo-scenario.js';
export {
  generatedYaml,
  readInstrumentation,
  WRITTEN_LIST,
  writeInstrumentation,
} from './instrumentation-files.js';
export { loadModelFiles, readModelSources } from './models.js';
export { createPacer } from './pacer.js';
export { type FeedEvent, StormService } from './service.js';
export {
  type PipelineOptions,
  type PipelineSummary,
  type SightingCount,
  StormPipeline,
} from './storm-pipeline.js';
export * from './witness-tests/index.js';
