/**
 * Photo-quality checks (issue 4): public API. `assessQuality(input, rulesForSpec(spec))` measures an analysed photo
 * and decides every check on the document's limits; see types.ts for the contract.
 */
export * from './types';
export { assessQuality, compareChecks, unknownCheck, DEFAULT_MODULES, GROUP_ORDER, STATUS_RANK, type QualityReport, type QualityModules } from './assess';
export { rulesForSpec, idsOf, QUALITY_CATALOGUE, type RulesOptions, type QualityModuleName } from './rules';
