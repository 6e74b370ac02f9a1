export { createRng, type Rng } from './prng';
export { DEFAULT_NOW, generateSampleData, type SampleChunk, type SampleOptions, type SampleTable } from './generate';
export { publicHolidays } from './holidays';
