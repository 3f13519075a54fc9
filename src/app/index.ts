/** The composition root. Today it holds the demo scenario; the storm center's wiring lands here next. */
export { buildDemoScenario, type DemoScenario, type DemoStep } from './demo-scenario.js';
