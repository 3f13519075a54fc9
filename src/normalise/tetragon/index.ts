/** The Tetragon normaliser: decoded Tetragon events into kstorm's normalised model. */
import type { TetragonEvent } from '../../sources/index.js';
import type { Normaliser } from '../types.js';
import { normaliseTetragonEvent } from './normalise.js';

/** Normalises one decoded Tetragon event (see normalise.ts for the mapping); never throws. */
export const normaliseTetragon: Normaliser<TetragonEvent> = normaliseTetragonEvent;
