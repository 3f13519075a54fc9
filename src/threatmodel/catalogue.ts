/** The bundled catalogue as the loader's default source of ready-made leaves and technique names. */
import type { Catalogue } from './build-model.js';
import { readyLeaf, techniqueInfo } from './catalog/index.js';

export const defaultCatalogue: Catalogue = { readyLeaf, techniqueInfo };
