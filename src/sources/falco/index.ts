/** Falco: the JSON alert (stdout/file `json_output`, `http_output`, falcosidekick) decoded to a typed alert. */
export { decodeFalco, falcoDecoder, recognisesFalco } from './decode.js';
export type { FalcoAlert } from './types.js';
