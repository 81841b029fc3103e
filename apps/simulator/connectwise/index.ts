export * from './callback-sender.js';
export * from './conditions.js';
export * from './connectwise-simulator.js';
export * from './store.js';
