export { GEMINIDB_MEASUREMENT, GeminiDbDrillTarget, type GeminiDbDrillSide, type GeminiDbDrillTargetOptions } from './geminidb.js';
export { DWS_MEASUREMENT, DwsDrillTarget, type DwsDrillTargetOptions } from './dws.js';
